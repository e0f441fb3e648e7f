namespace VideoRelay.WebRtc.Rtp;

/// <summary>Writes whole RTP packets: header, payload and optional padding (RFC 3550 §5.1, P bit).</summary>
public static class RtpPacket
{
    /// <summary>Largest padding RFC 3550 allows (the count is one byte, itself included).</summary>
    public const int MaxPadding = 255;

    public static int GetSerializedSize(in RtpHeader header, int payloadLength, int paddingLength = 0) =>
        header.GetSerializedSize() + payloadLength + paddingLength;

    /// <summary>
    /// Writes <paramref name="header"/>, <paramref name="payload"/> and <paramref name="paddingLength"/>
    /// bytes of padding (zeros, the last byte the count). False when <paramref name="dst"/> is too small.
    /// </summary>
    public static bool TryWrite(in RtpHeader header, ReadOnlySpan<byte> payload, int paddingLength, Span<byte> dst, out int written)
    {
        written = 0;
        if ((uint)paddingLength > MaxPadding || dst.Length < GetSerializedSize(header, payload.Length, paddingLength))
        {
            return false;
        }
        if (!header.TryWrite(dst, paddingLength > 0, out int h))
        {
            return false;
        }
        payload.CopyTo(dst[h..]);
        int o = h + payload.Length;
        if (paddingLength > 0)
        {
            dst.Slice(o, paddingLength - 1).Clear();
            dst[o + paddingLength - 1] = (byte)paddingLength;
            o += paddingLength;
        }
        written = o;
        return true;
    }
}
