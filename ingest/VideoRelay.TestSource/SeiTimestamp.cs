using System.Buffers.Binary;

namespace VideoRelay.TestSource;

/// <summary>
/// The capture-time SEI: an H.264 SEI NAL unit carrying one <c>user_data_unregistered</c> message with the
/// capture Unix time in ms and a frame counter (shared with the player and the ingest's timing record).
/// </summary>
/// <remarks>
/// ITU-T H.264 7.3.2.3 (sei_rbsp) / D.1.6 (user_data_unregistered), as written by <see cref="TryWrite"/>:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |F|NRI|  Type=6 | payloadType=5 | payloadSize=28|               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               +
/// |        uuid_iso_iec_11578 = "VIDEORELAYTIME01" (16 bytes)     |
/// +                                               +-+-+-+-+-+-+-+-+
/// |                                               |               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               +
/// |          capture time, Unix ms, 64-bit big-endian             |
/// +                                               +-+-+-+-+-+-+-+-+
/// |                                               |               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               +
/// |              frame counter, 32-bit big-endian                 |
/// +                                               +-+-+-+-+-+-+-+-+
/// |                                               |1|0 0 0 0 0 0 0| rbsp_trailing_bits
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// payloadType and payloadSize are coded as runs of 0xFF plus a last byte (7.3.2.3.1). Everything after the NAL
/// header is the RBSP with emulation prevention (7.4.1): a 0x03 is inserted after any two zero bytes followed by
/// a byte ≤ 3, and the reader removes it.
/// </remarks>
public static class SeiTimestamp
{
    public const byte NalTypeSei = 6;
    public const int PayloadTypeUserDataUnregistered = 5;
    public const int PayloadSize = 16 + 8 + 4;

    /// <summary>Largest NAL <see cref="TryWrite"/> can produce (worst-case emulation prevention).</summary>
    public const int MaxNalSize = 1 + RbspSize + RbspSize / 2 + 1;

    /// <summary>Largest SEI RBSP the reader inspects; larger SEI NALs are read only up to here.</summary>
    public const int MaxReadRbsp = 1024;

    private const int RbspSize = 2 + PayloadSize + 1;

    /// <summary>"VIDEORELAYTIME01".</summary>
    public static ReadOnlySpan<byte> Uuid => "VIDEORELAYTIME01"u8;

    /// <summary>Writes the SEI NAL unit (header byte included, no start code or length prefix).</summary>
    public static bool TryWrite(Span<byte> destination, long captureUnixMs, uint frameCounter, out int written)
    {
        Span<byte> rbsp = stackalloc byte[RbspSize];
        rbsp[0] = PayloadTypeUserDataUnregistered;
        rbsp[1] = PayloadSize;
        Uuid.CopyTo(rbsp[2..]);
        BinaryPrimitives.WriteInt64BigEndian(rbsp[18..], captureUnixMs);
        BinaryPrimitives.WriteUInt32BigEndian(rbsp[26..], frameCounter);
        rbsp[30] = 0x80;

        written = 0;
        if (destination.IsEmpty)
            return false;
        destination[0] = NalTypeSei; // forbidden_zero_bit 0, nal_ref_idc 0, type 6
        if (!EmulationPrevention.TryEscape(rbsp, destination[1..], out int escaped))
            return false;
        written = 1 + escaped;
        return true;
    }

    /// <summary>Writes the SEI NAL with its 4-byte big-endian length prefix (AVCC form), ready to put in an access unit.</summary>
    public static bool TryWriteAvcc(Span<byte> destination, long captureUnixMs, uint frameCounter, out int written)
    {
        written = 0;
        if (destination.Length < 4 || !TryWrite(destination[4..], captureUnixMs, frameCounter, out int nal))
            return false;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)nal);
        written = 4 + nal;
        return true;
    }

    /// <summary>Reads our timestamp from one SEI NAL unit (header byte included); false if it carries none.</summary>
    public static bool TryRead(ReadOnlySpan<byte> nal, out long captureUnixMs, out uint frameCounter)
    {
        captureUnixMs = 0;
        frameCounter = 0;
        if (nal.Length < 2 || (nal[0] & 0x1F) != NalTypeSei)
            return false;
        Span<byte> rbsp = stackalloc byte[MaxReadRbsp];
        int length = EmulationPrevention.Unescape(nal[1..], rbsp);
        return TryReadMessages(rbsp[..length], out captureUnixMs, out frameCounter);
    }

    /// <summary>Scans an AVCC access unit (NAL units each prefixed by a 4-byte big-endian length) for our SEI.</summary>
    public static bool TryFindInAccessUnit(ReadOnlySpan<byte> accessUnit, out long captureUnixMs, out uint frameCounter)
    {
        captureUnixMs = 0;
        frameCounter = 0;
        while (accessUnit.Length >= 4)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(accessUnit);
            if (length > (uint)(accessUnit.Length - 4))
                return false; // truncated or corrupt: stop rather than read past the unit
            ReadOnlySpan<byte> nal = accessUnit.Slice(4, (int)length);
            if (nal.Length > 0 && (nal[0] & 0x1F) == NalTypeSei && TryRead(nal, out captureUnixMs, out frameCounter))
                return true;
            accessUnit = accessUnit[(4 + (int)length)..];
        }
        return false;
    }

    private static bool TryReadMessages(ReadOnlySpan<byte> rbsp, out long captureUnixMs, out uint frameCounter)
    {
        captureUnixMs = 0;
        frameCounter = 0;
        int pos = 0;
        // more_rbsp_data: stop at the trailing bits (0x80) or when the bytes run out.
        while (pos < rbsp.Length && rbsp[pos] != 0x80)
        {
            if (!TryReadFfCoded(rbsp, ref pos, out int payloadType) || !TryReadFfCoded(rbsp, ref pos, out int payloadSize))
                return false;
            if (payloadSize > rbsp.Length - pos)
                return false;
            ReadOnlySpan<byte> payload = rbsp.Slice(pos, payloadSize);
            if (payloadType == PayloadTypeUserDataUnregistered && payload.Length >= PayloadSize && payload[..16].SequenceEqual(Uuid))
            {
                captureUnixMs = BinaryPrimitives.ReadInt64BigEndian(payload[16..]);
                frameCounter = BinaryPrimitives.ReadUInt32BigEndian(payload[24..]);
                return true;
            }
            pos += payloadSize;
        }
        return false;
    }

    /// <summary>Reads a payloadType/payloadSize value: 0xFF bytes each adding 255, then a last byte.</summary>
    private static bool TryReadFfCoded(ReadOnlySpan<byte> rbsp, ref int pos, out int value)
    {
        value = 0;
        while (pos < rbsp.Length)
        {
            byte b = rbsp[pos++];
            value += b;
            if (b != 0xFF)
                return true;
            if (value > MaxReadRbsp)
                return false; // larger than anything we would read: bound it
        }
        return false;
    }
}
