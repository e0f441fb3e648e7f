using VideoRelay.Edge.Sessions;
using VideoRelay.WebRtc.Rtp.Rtcp;

namespace VideoRelay.Edge;

/// <summary>
/// What the edge does with a viewer's (already unprotected) RTCP compound packet, on the receive thread: receiver
/// reports are kept for stats, NACKed sequence numbers go to the fan-out's ring, PLI/FIR ask for a keyframe,
/// REMB and transport-wide-cc feedback are recorded for rate decisions.
/// </summary>
internal static class ViewerRtcp
{
    /// <returns>True when the stream's fan-out thread has something to do (NACKs to answer, a keyframe wanted).</returns>
    public static bool Handle(ViewerSession session, ReadOnlySpan<byte> compound, EdgeCounters counters, Span<ushort> lostScratch)
    {
        var reader = new RtcpCompoundReader(compound);
        bool wake = false;
        while (reader.TryNext(out RtcpHeader header, out ReadOnlySpan<byte> packet))
        {
            switch (header.PacketType)
            {
                case RtcpPacketType.ReceiverReport when ReceiverReport.TryRead(packet, out ReceiverReport rr, out _):
                    for (int i = 0; i < rr.Blocks.Count; i++)
                    {
                        ReportBlock block = rr.Blocks[i];
                        if (block.Ssrc == session.VideoSsrc)
                        {
                            session.ReportedFractionLost = block.FractionLost;
                            session.ReportedCumulativeLost = block.CumulativeLost;
                            session.ReportedJitter = block.Jitter;
                        }
                    }
                    break;
                case RtcpPacketType.TransportFeedback when header.Format == RtcpPacketType.FormatNack && NackPacket.TryRead(packet, out NackPacket nack, out _):
                    if (nack.MediaSsrc == session.VideoSsrc)
                    {
                        int n = nack.CopyLostTo(lostScratch);
                        for (int i = 0; i < n; i++)
                        {
                            session.Nacks.TryEnqueue(lostScratch[i]);
                        }
                        Interlocked.Add(ref session.NacksReceived, n);
                        Interlocked.Add(ref counters.NacksReceived, n);
                        wake = true;
                    }
                    break;
                case RtcpPacketType.TransportFeedback when header.Format == RtcpPacketType.FormatTransportWideCc
                    && TransportFeedback.TryRead(packet, out TransportFeedback twcc, out _):
                    // transport-wide congestion control feedback: exposed per viewer (input for ABR)
                    int received = 0, lost = 0;
                    foreach (TransportFeedbackPacket p in twcc)
                    {
                        if (p.Received)
                        {
                            received++;
                        }
                        else
                        {
                            lost++;
                        }
                    }
                    Interlocked.Add(ref session.TwccReceived, received);
                    Interlocked.Add(ref session.TwccLost, lost);
                    Interlocked.Increment(ref counters.TwccFeedback);
                    break;
                case RtcpPacketType.PayloadFeedback when header.Format == RtcpPacketType.FormatPli || header.Format == RtcpPacketType.FormatFir:
                    session.KeyframeWanted = true;
                    Interlocked.Increment(ref session.PlisReceived);
                    Interlocked.Increment(ref counters.PlisReceived);
                    wake = true;
                    break;
                case RtcpPacketType.PayloadFeedback when RembPacket.TryRead(packet, out RembPacket remb, out _):
                    Volatile.Write(ref session.RembBitrate, (long)remb.Bitrate);
                    break;
            }
        }
        if (reader.Error != RtcpReadError.None)
        {
            Interlocked.Increment(ref counters.RtcpMalformed);
        }
        return wake;
    }
}
