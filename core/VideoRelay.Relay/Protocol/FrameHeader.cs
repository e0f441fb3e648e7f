using System.Buffers.Binary;
using VideoRelay.Core.Media;

namespace VideoRelay.Relay.Protocol;

/// <summary>The head of a FRAME body: routing, timestamps and the whole timing record; the payload follows it.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            channel                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     track     |     codec     |     flags     |   hop count   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      pts (90 kHz, 64 bits)                    |
/// +                                                               +
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      dts (90 kHz, 64 bits)                    |
/// +                                                               +
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      sequence (64 bits)                       |
/// +                                                               +
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      duration (90 kHz, 32 bits)               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           hop stamps: hop count × 64-bit Unix ns, in Hop order |
/// |                              ...                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           payload (the rest of the body: AVCC NAL units,      |
/// |           one raw AAC access unit, or one Opus packet)  ...   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The hop count lets versions add hops: a reader keeps the hops it knows and skips the rest (≤ 32).
/// </remarks>
internal struct FrameHeader
{
    /// <summary>Bytes before the hop stamps.</summary>
    public const int FixedSize = 36;

    /// <summary>Most hop stamps a reader accepts.</summary>
    public const int MaxHops = 32;

    /// <summary>Size written by this version (every hop of <see cref="TimingRecord"/>).</summary>
    public const int Size = FixedSize + TimingRecord.HopCount * 8;

    public const int MaxSize = FixedSize + MaxHops * 8;

    public uint Channel;
    public byte Track;
    public CodecId Codec;
    public FrameFlags Flags;
    public long Pts;
    public long Dts;
    public long Sequence;
    public int Duration;
    public TimingRecord Timing;

    /// <summary>From the first <see cref="FixedSize"/> bytes: the full header length, or -1 when the hop count is out of bounds.</summary>
    public static int GetHeaderLength(ReadOnlySpan<byte> fixedPart)
    {
        if (fixedPart.Length < FixedSize)
        {
            return -1;
        }
        int hops = fixedPart[7];
        return hops > MaxHops ? -1 : FixedSize + hops * 8;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out FrameHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        int length = GetHeaderLength(source);
        if (length < 0 || source.Length < length)
        {
            return false;
        }
        byte codec = source[5];
        if (codec is 0 or > (byte)CodecId.Opus || !RelayTrack.IsValid(source[4]))
        {
            return false;
        }
        header.Channel = BinaryPrimitives.ReadUInt32BigEndian(source);
        header.Track = source[4];
        header.Codec = (CodecId)codec;
        header.Flags = (FrameFlags)source[6];
        header.Pts = BinaryPrimitives.ReadInt64BigEndian(source[8..]);
        header.Dts = BinaryPrimitives.ReadInt64BigEndian(source[16..]);
        header.Sequence = BinaryPrimitives.ReadInt64BigEndian(source[24..]);
        header.Duration = BinaryPrimitives.ReadInt32BigEndian(source[32..]);
        int hops = Math.Min((int)source[7], TimingRecord.HopCount);
        for (int i = 0; i < hops; i++)
        {
            header.Timing.Stamp((Hop)i, BinaryPrimitives.ReadInt64BigEndian(source[(FixedSize + i * 8)..]));
        }
        consumed = length;
        return true;
    }

    public readonly bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < Size)
        {
            written = 0;
            return false;
        }
        BinaryPrimitives.WriteUInt32BigEndian(destination, Channel);
        destination[4] = Track;
        destination[5] = (byte)Codec;
        destination[6] = (byte)Flags;
        destination[7] = TimingRecord.HopCount;
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], Pts);
        BinaryPrimitives.WriteInt64BigEndian(destination[16..], Dts);
        BinaryPrimitives.WriteInt64BigEndian(destination[24..], Sequence);
        BinaryPrimitives.WriteInt32BigEndian(destination[32..], Duration);
        for (int i = 0; i < TimingRecord.HopCount; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(destination[(FixedSize + i * 8)..], Timing[(Hop)i]);
        }
        written = Size;
        return true;
    }

    /// <summary>The header of a frame sent on a channel's track.</summary>
    public static FrameHeader From(in MediaFrame frame, uint channel, byte track) => new()
    {
        Channel = channel,
        Track = track,
        Codec = frame.Codec,
        Flags = frame.Flags,
        Pts = frame.Pts,
        Dts = frame.Dts,
        Sequence = frame.Sequence,
        Duration = frame.Duration,
        Timing = frame.Timing,
    };
}
