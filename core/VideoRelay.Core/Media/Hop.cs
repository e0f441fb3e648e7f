namespace VideoRelay.Core.Media;

/// <summary>
/// The fixed set of points where a frame's <see cref="TimingRecord"/> is stamped, in path order.
/// Every stamp is Unix time in nanoseconds taken from <see cref="Timing.Clock"/> (or the kernel).
/// </summary>
public enum Hop : byte
{
    /// <summary>Capture at the source (from the SEI/timecode when present; else the ingest arrival).</summary>
    Capture = 0,
    /// <summary>Kernel receive timestamp of the first byte/datagram of the frame at the ingest.</summary>
    IngestKernelRx,
    /// <summary>The ingest read the frame's last byte from its socket.</summary>
    IngestRx,
    /// <summary>The protocol reader finished the access unit (demuxed, parsed).</summary>
    Demuxed,
    /// <summary>The transcoder took the source frame (transcoded renditions only).</summary>
    TranscodeStart,
    /// <summary>The encoder produced this rendition's frame (transcoded renditions only).</summary>
    TranscodeEnd,
    /// <summary>The origin wrote the frame to the relay connection (split deployments only).</summary>
    RelaySend,
    /// <summary>The edge received the frame (from the relay, or in memory in the all-in-one node).</summary>
    EdgeRx,
    /// <summary>The edge packetized the frame into RTP.</summary>
    Packetized,
    /// <summary>The first RTP packet of the frame was handed to the kernel (user-space send).</summary>
    FirstPacketSent,
    /// <summary>Kernel transmit timestamp of that first packet, where available.</summary>
    KernelTx,
    /// <summary>The viewer presented the frame (reported by the player's beacon).</summary>
    Presented,
}
