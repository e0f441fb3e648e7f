namespace VideoRelay.Ingest.MpegTs;

/// <summary>Limits and behaviour of a <see cref="TsDemuxer"/>.</summary>
public sealed class TsDemuxerOptions
{
    /// <summary>Largest PES payload (and largest frame) accepted; bigger ones are dropped and counted. Default 4 MiB.</summary>
    public int MaxPesSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// End an unbounded video PES in the packet whose adaptation field carries stuffing, instead of waiting
    /// for the next PES to start (one frame interval earlier). Muxers stuff only the last packet of a PES
    /// (FFmpeg, OBS); turn off for a muxer that stuffs mid-PES. Default true.
    /// </summary>
    public bool CompleteVideoOnStuffing { get; init; } = true;

    /// <summary>Rent size for an audio PES of unknown length. Default 8 KiB.</summary>
    public int AudioInitialCapacity { get; init; } = 8 * 1024;
}
