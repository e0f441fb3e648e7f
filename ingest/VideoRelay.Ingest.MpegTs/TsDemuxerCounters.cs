namespace VideoRelay.Ingest.MpegTs;

/// <summary>
/// What one <see cref="TsDemuxer"/> saw. Written by the demuxer's thread only; other threads may read
/// (64-bit reads are atomic; values may lag by a packet).
/// </summary>
public sealed class TsDemuxerCounters
{
    /// <summary>Bytes fed.</summary>
    public long Bytes { get; internal set; }

    /// <summary>188-byte packets framed.</summary>
    public long Packets { get; internal set; }

    /// <summary>Times sync was searched for (garbage or a lost packet boundary).</summary>
    public long SyncLosses { get; internal set; }

    /// <summary>Bytes skipped while searching for sync.</summary>
    public long BytesSkipped { get; internal set; }

    /// <summary>Packets with transport_error_indicator set (dropped).</summary>
    public long TransportErrors { get; internal set; }

    /// <summary>Packets with a malformed adaptation field (dropped).</summary>
    public long MalformedPackets { get; internal set; }

    /// <summary>Scrambled packets (dropped).</summary>
    public long ScrambledPackets { get; internal set; }

    /// <summary>Continuity-counter gaps (lost packets) on the PIDs in use.</summary>
    public long ContinuityErrors { get; internal set; }

    /// <summary>Duplicate packets (same continuity counter), ignored.</summary>
    public long DuplicatePackets { get; internal set; }

    /// <summary>Packets on PIDs not demuxed (other streams, SI tables).</summary>
    public long IgnoredPackets { get; internal set; }

    /// <summary>Elementary streams in the current PMT that are not demuxed (not H.264 / AAC ADTS, or a second one).</summary>
    public int IgnoredStreams { get; internal set; }

    /// <summary>PSI sections with a bad CRC or layout.</summary>
    public long PsiErrors { get; internal set; }

    /// <summary>PES packets with a bad header.</summary>
    public long PesErrors { get; internal set; }

    /// <summary>Payload packets that belong to no PES (after a gap or a bad header).</summary>
    public long OrphanPayloadPackets { get; internal set; }

    /// <summary>PES payloads over the size bound (dropped).</summary>
    public long PesOversize { get; internal set; }

    /// <summary>Frames dropped because the buffer pool was empty.</summary>
    public long PoolMisses { get; internal set; }

    /// <summary>Video frames delivered.</summary>
    public long VideoFrames { get; internal set; }

    /// <summary>Keyframes (IDR) delivered.</summary>
    public long Keyframes { get; internal set; }

    /// <summary>Video frames dropped while waiting for a keyframe (start, after a gap, after a drop).</summary>
    public long VideoFramesDroppedUntilKeyframe { get; internal set; }

    /// <summary>Video PES without a NAL unit.</summary>
    public long EmptyVideoPes { get; internal set; }

    /// <summary>SPS that could not be parsed (dimensions unknown).</summary>
    public long SpsErrors { get; internal set; }

    /// <summary>Audio frames delivered.</summary>
    public long AudioFrames { get; internal set; }

    /// <summary>Bad or truncated ADTS frames (rest of that PES dropped).</summary>
    public long AdtsErrors { get; internal set; }

    /// <summary>PES packets without a PTS (timestamp extrapolated).</summary>
    public long MissingTimestamps { get; internal set; }
}
