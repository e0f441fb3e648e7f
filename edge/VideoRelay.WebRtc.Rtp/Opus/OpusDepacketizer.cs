using System.Diagnostics;

namespace VideoRelay.WebRtc.Rtp.Opus;

/// <summary>
/// RFC 7587 depacketizer: each RTP payload is one Opus packet, copied to the start of the output buffer.
/// Every packet is independently decodable, so loss is only counted (reported in the result) and the
/// next packet is emitted as usual. Single-threaded.
/// </summary>
[DebuggerDisplay("emitted={PacketsEmitted} lost={PacketsLost}")]
public sealed class OpusDepacketizer : IRtpDepacketizer
{
    private Memory<byte> _output;
    private SequenceGapDetector _sequence;

    public OpusDepacketizer(Memory<byte> output = default)
    {
        _output = output;
    }

    public long PacketsLost { get; private set; }
    public long LatePackets { get; private set; }
    public long PacketsEmitted { get; private set; }
    public long MalformedPackets { get; private set; }
    public long Overflows { get; private set; }

    public void SetOutput(Memory<byte> buffer) => _output = buffer;

    public DepacketizeResult Push(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        int lost = _sequence.Observe(sequenceNumber);
        if (lost < 0)
        {
            LatePackets++;
            return DepacketizeResult.Of(DepacketizeStatus.Discarded, 0);
        }
        PacketsLost += lost;
        if (payload.IsEmpty)
        {
            MalformedPackets++;
            return DepacketizeResult.Of(DepacketizeStatus.Malformed, lost);
        }
        if (!payload.TryCopyTo(_output.Span))
        {
            Overflows++;
            return DepacketizeResult.Of(DepacketizeStatus.Overflow, lost);
        }
        PacketsEmitted++;
        return new DepacketizeResult(DepacketizeStatus.FrameReady, lost, payload.Length, timestamp, true);
    }
}
