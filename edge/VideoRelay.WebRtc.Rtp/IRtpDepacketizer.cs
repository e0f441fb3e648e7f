namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// Turns the RTP packets of one stream, in arrival order, into frames written to a caller-provided buffer.
/// </summary>
/// <remarks>
/// The frame is assembled at the start of the buffer given to <see cref="SetOutput"/>. When
/// <see cref="Push"/> reports <see cref="DepacketizeStatus.FrameReady"/> the caller takes the frame
/// (and usually hands a fresh buffer to <see cref="SetOutput"/>) before the next push, which starts
/// writing the next frame at offset 0 again. Implementations are single-threaded and allocate nothing
/// per packet. There is no jitter buffer: a packet older than its predecessor is discarded and the
/// sequence gap it left is counted as loss.
/// </remarks>
public interface IRtpDepacketizer
{
    /// <summary>Sets the buffer the next frame is written into. Discards a frame in progress.</summary>
    void SetOutput(Memory<byte> buffer);

    /// <summary>Feeds one packet's sequence number, timestamp, marker bit and payload.</summary>
    DepacketizeResult Push(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload);
}
