namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Builds the compound packets a sender emits periodically (RFC 3550 §6.1: a report first, then SDES with CNAME).</summary>
public static class RtcpCompoundBuilder
{
    public static int GetSenderReportWithSdesSize(in SenderReport report, int cnameLength) =>
        report.GetSerializedSize() + SdesPacket.GetSerializedSize(cnameLength);

    /// <summary>Writes SR followed by an SDES chunk for the SR's SSRC with <paramref name="cname"/>.</summary>
    public static bool TryWriteSenderReportWithSdes(Span<byte> dst, in SenderReport report, ReadOnlySpan<byte> cname, out int written)
    {
        written = 0;
        if (dst.Length < GetSenderReportWithSdesSize(report, cname.Length)
            || !report.TryWrite(dst, out int sr)
            || !SdesPacket.TryWrite(dst[sr..], report.Ssrc, cname, out int sdes))
        {
            return false;
        }
        written = sr + sdes;
        return true;
    }

    /// <summary>Writes RR followed by an SDES chunk for the RR's SSRC with <paramref name="cname"/>.</summary>
    public static bool TryWriteReceiverReportWithSdes(Span<byte> dst, in ReceiverReport report, ReadOnlySpan<byte> cname, out int written)
    {
        written = 0;
        if (dst.Length < report.GetSerializedSize() + SdesPacket.GetSerializedSize(cname.Length)
            || !report.TryWrite(dst, out int rr)
            || !SdesPacket.TryWrite(dst[rr..], report.Ssrc, cname, out int sdes))
        {
            return false;
        }
        written = rr + sdes;
        return true;
    }
}
