using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// Encoders and decoders of the header-extension element values the edge sends.
/// </summary>
/// <remarks>
/// <code>
/// transport-wide sequence number (2 bytes, draft-holmer-rmcat-transport-wide-cc-extensions-01 §2)
///   0                   1
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |  transport-wide seq number    |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///
/// playout-delay (3 bytes, 10 ms units)
///   0                   1                   2
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |       MIN delay       |       MAX delay       |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///
/// abs-send-time (3 bytes): 6.18 fixed point seconds of the NTP clock, modulo 64 s.
/// </code>
/// </remarks>
public static class RtpExtensionValues
{
    public const int TransportSequenceNumberLength = 2;
    public const int PlayoutDelayLength = 3;
    public const int AbsSendTimeLength = 3;

    /// <summary>Largest playout delay expressible (12 bits of 10 ms units).</summary>
    public const int MaxPlayoutDelayUnits = 0xFFF;

    public static bool TryWriteTransportSequenceNumber(Span<byte> dst, ushort sequence)
    {
        return BinaryPrimitives.TryWriteUInt16BigEndian(dst, sequence);
    }

    public static bool TryReadTransportSequenceNumber(ReadOnlySpan<byte> src, out ushort sequence)
    {
        return BinaryPrimitives.TryReadUInt16BigEndian(src, out sequence);
    }

    /// <summary>Writes min and max delay (10 ms units, each 0–4095).</summary>
    public static bool TryWritePlayoutDelay(Span<byte> dst, int minUnits, int maxUnits)
    {
        if (dst.Length < PlayoutDelayLength || (uint)minUnits > MaxPlayoutDelayUnits || (uint)maxUnits > MaxPlayoutDelayUnits)
        {
            return false;
        }
        dst[0] = (byte)(minUnits >> 4);
        dst[1] = (byte)(((minUnits & 0xF) << 4) | (maxUnits >> 8));
        dst[2] = (byte)maxUnits;
        return true;
    }

    public static bool TryReadPlayoutDelay(ReadOnlySpan<byte> src, out int minUnits, out int maxUnits)
    {
        if (src.Length < PlayoutDelayLength)
        {
            minUnits = maxUnits = 0;
            return false;
        }
        minUnits = (src[0] << 4) | (src[1] >> 4);
        maxUnits = ((src[1] & 0xF) << 8) | src[2];
        return true;
    }

    /// <summary>Converts a Unix time in nanoseconds to the 24-bit abs-send-time value.</summary>
    /// <remarks>The NTP epoch is 2,208,988,800 s before the Unix epoch, a multiple of 64, so the low 6 bits of
    /// the seconds are the same on both clocks.</remarks>
    public static uint AbsSendTimeFromUnixNs(long unixNs)
    {
        ulong ns = (ulong)unixNs;
        ulong seconds = ns / 1_000_000_000UL;
        ulong fraction = ns % 1_000_000_000UL;
        return (uint)(((seconds & 63) << 18) | ((fraction << 18) / 1_000_000_000UL)) & 0xFFFFFF;
    }

    public static bool TryWriteAbsSendTime(Span<byte> dst, uint value24)
    {
        if (dst.Length < AbsSendTimeLength)
        {
            return false;
        }
        dst[0] = (byte)(value24 >> 16);
        dst[1] = (byte)(value24 >> 8);
        dst[2] = (byte)value24;
        return true;
    }

    public static bool TryReadAbsSendTime(ReadOnlySpan<byte> src, out uint value24)
    {
        if (src.Length < AbsSendTimeLength)
        {
            value24 = 0;
            return false;
        }
        value24 = (uint)((src[0] << 16) | (src[1] << 8) | src[2]);
        return true;
    }
}
