namespace VideoRelay.Ingest.MpegTs.Psi;

/// <summary>Receives one complete PSI section.</summary>
internal delegate void SectionHandler<in TState>(TState state, ReadOnlySpan<byte> section);
