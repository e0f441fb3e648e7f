using System.Buffers.Binary;

namespace VideoRelay.Ingest.MpegTs.Ts;

/// <summary>The 4-byte header of a 188-byte transport stream packet (ISO/IEC 13818-1, 2.4.3.2).</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  sync (0x47)  |E|S|P|          PID (13)       |TSC|AFC|  CC   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  E = transport_error_indicator, S = payload_unit_start_indicator,
///  P = transport_priority, TSC = transport_scrambling_control,
///  AFC = adaptation_field_control (01 payload only, 10 adaptation field only, 11 both),
///  CC = continuity_counter (increments per packet carrying payload).
/// </code>
/// </remarks>
internal readonly struct TsPacketHeader
{
    public const int PacketSize = 188;
    public const int HeaderSize = 4;
    public const byte SyncByte = 0x47;
    public const int NullPid = 0x1FFF;

    public bool TransportError { get; init; }
    public bool PayloadUnitStart { get; init; }
    public int Pid { get; init; }
    public int Scrambling { get; init; }
    public bool HasAdaptationField { get; init; }
    public bool HasPayload { get; init; }
    public int ContinuityCounter { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> src, out TsPacketHeader header, out int consumed)
    {
        if (src.Length < HeaderSize || src[0] != SyncByte)
        {
            header = default;
            consumed = 0;
            return false;
        }
        ushort flagsPid = BinaryPrimitives.ReadUInt16BigEndian(src[1..]);
        byte last = src[3];
        header = new TsPacketHeader
        {
            TransportError = (flagsPid & 0x8000) != 0,
            PayloadUnitStart = (flagsPid & 0x4000) != 0,
            Pid = flagsPid & 0x1FFF,
            Scrambling = last >> 6,
            HasAdaptationField = (last & 0x20) != 0,
            HasPayload = (last & 0x10) != 0,
            ContinuityCounter = last & 0x0F,
        };
        consumed = HeaderSize;
        return true;
    }

    public bool TryWrite(Span<byte> dst, out int written)
    {
        if (dst.Length < HeaderSize)
        {
            written = 0;
            return false;
        }
        dst[0] = SyncByte;
        BinaryPrimitives.WriteUInt16BigEndian(dst[1..], (ushort)((TransportError ? 0x8000 : 0) | (PayloadUnitStart ? 0x4000 : 0) | (Pid & 0x1FFF)));
        dst[3] = (byte)((Scrambling & 3) << 6 | (HasAdaptationField ? 0x20 : 0) | (HasPayload ? 0x10 : 0) | (ContinuityCounter & 0x0F));
        written = HeaderSize;
        return true;
    }
}
