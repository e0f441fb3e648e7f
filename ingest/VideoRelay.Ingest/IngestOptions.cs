namespace VideoRelay.Ingest;

/// <summary>Ingest configuration (section "Ingest" of appsettings / VIDEORELAY_Ingest__… / --Ingest:…).</summary>
public sealed class IngestOptions
{
    /// <summary>Streams and their publish keys. Empty: publishing is open to any stream name (logged as a warning).</summary>
    public Dictionary<string, StreamKeyOptions> Streams { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether a second publisher on a live stream takes it over (else it is refused).</summary>
    public bool AllowTakeover { get; set; }

    /// <summary>How long a stream whose publisher dropped keeps its viewers, waiting for the encoder to come back.</summary>
    public double LingerSeconds { get; set; } = 10;

    /// <summary>RTMP listen port (0 disables RTMP).</summary>
    public int RtmpPort { get; set; } = 1935;

    /// <summary>SRT listen port (0 disables SRT).</summary>
    public int SrtPort { get; set; } = 9000;

    /// <summary>SRT receive latency in milliseconds (LAN default; use 3–4 × RTT on the internet).</summary>
    public int SrtLatencyMs { get; set; } = 40;

    /// <summary>Address the ingest listeners bind.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";
}

/// <summary>One configured stream.</summary>
public sealed class StreamKeyOptions
{
    /// <summary>The publish key (given as <c>?key=…</c> in the RTMP stream key / SRT stream id). Null: no key needed.</summary>
    public string? Key { get; set; }

    /// <summary>SRT passphrase for this stream (10–79 characters), or null for unencrypted SRT.</summary>
    public string? SrtPassphrase { get; set; }
}
