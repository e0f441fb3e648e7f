namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>SRTP packet index estimation from a 16-bit sequence number (RFC 3711 §3.3.1, Appendix A).</summary>
internal static class RolloverCounter
{
    /// <summary>One past the largest SRTP packet index (2^48).</summary>
    public const long IndexLimit = 1L << 48;

    /// <summary>
    /// Estimates the 48-bit index of a packet with sequence number <paramref name="sequenceNumber"/>,
    /// given the highest index seen so far (ROC = highest >> 16, s_l = highest mod 2^16):
    /// <code>
    ///   if (s_l &lt; 32768)
    ///     v = (SEQ - s_l &gt; 32768) ? ROC - 1 : ROC
    ///   else
    ///     v = (s_l - 32768 &gt; SEQ) ? ROC + 1 : ROC
    ///   index = v * 65536 + SEQ
    /// </code>
    /// </summary>
    /// <returns>The index; negative when the packet would precede index 0 (ROC - 1 with ROC = 0),
    /// at least <see cref="IndexLimit"/> when the ROC would overflow 32 bits.</returns>
    public static long Estimate(ulong highest, ushort sequenceNumber)
    {
        long roc = (long)(highest >> 16);
        int sl = (int)(highest & 0xFFFF);
        int seq = sequenceNumber;
        long v;
        if (sl < 32768)
        {
            v = seq - sl > 32768 ? roc - 1 : roc;
        }
        else
        {
            v = sl - 32768 > seq ? roc + 1 : roc;
        }

        return v < 0 ? -1 : (v << 16) | (uint)seq;
    }
}
