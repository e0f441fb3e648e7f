namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Picture Loss Indication (RFC 4585 §6.3.1): PSFB, FMT 1, no FCI — "send me a keyframe".</summary>
public readonly record struct PictureLossIndication(uint SenderSsrc, uint MediaSsrc)
{
    public const int Size = RtcpFeedback.HeaderSize;

    public static bool TryRead(ReadOnlySpan<byte> src, out PictureLossIndication pli, out int consumed)
    {
        if (!RtcpFeedback.TryRead(src, RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatPli, out uint sender, out uint media, out _, out consumed))
        {
            pli = default;
            return false;
        }
        pli = new PictureLossIndication(sender, media);
        return true;
    }

    public bool TryWrite(Span<byte> dst, out int written)
    {
        if (dst.Length < Size)
        {
            written = 0;
            return false;
        }
        RtcpFeedback.WriteHeader(dst, RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatPli, Size, SenderSsrc, MediaSsrc);
        written = Size;
        return true;
    }
}
