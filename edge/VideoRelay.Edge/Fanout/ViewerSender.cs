using VideoRelay.Core.Timing;
using VideoRelay.Edge.Sessions;
using VideoRelay.Edge.Transport;
using VideoRelay.WebRtc.Rtp;
using VideoRelay.WebRtc.Rtp.Rtcp;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Edge.Fanout;

/// <summary>
/// Per-viewer sending, on the fan-out thread: rebuild the RTP header of a canonical packet for this viewer
/// (SSRC, sequence, timestamp, payload type, header extensions), SRTP-protect in place straight into a slot of the
/// thread's <see cref="UdpBatch"/>, and let the batch go out with one sendmmsg when it is full or the caller
/// flushes (at least once per frame). Also the viewer's RTCP sender reports. Allocation-free.
/// </summary>
internal sealed class ViewerSender : IDisposable
{
    private readonly UdpTransport _udp;
    private readonly UdpBatch _batch = new();
    private readonly bool _zeroPlayoutDelay;
    private long _sendFailures;
    private int _markedIndex = -1;

    public ViewerSender(UdpTransport udp, bool zeroPlayoutDelay)
    {
        _udp = udp;
        _zeroPlayoutDelay = zeroPlayoutDelay;
    }

    public long SendFailures => _sendFailures;

    /// <summary>Sends canonical video packet <paramref name="index"/> (whose bytes are <paramref name="packet"/>).</summary>
    public bool SendVideo(ViewerSession viewer, ReadOnlySpan<byte> packet, long index)
    {
        ushort seq = (ushort)(viewer.VideoSeqBase + (index - viewer.VideoIndexOrigin));
        uint ts = CanonicalPacket.Timestamp(packet) + viewer.VideoTsOffset;
        bool ok = Send(viewer, packet, viewer.Media.VideoPayloadType, viewer.VideoSsrc, seq, ts, video: true);
        if (ok)
        {
            viewer.VideoPackets++;
            viewer.VideoOctets += (uint)(packet.Length - CanonicalPacket.HeaderSize);
            viewer.LastVideoRtpTs = ts;
            viewer.LastVideoSendTicks = Clock.Ticks;
        }
        return ok;
    }

    /// <summary>Sends canonical audio packet <paramref name="index"/>.</summary>
    public bool SendAudio(ViewerSession viewer, ReadOnlySpan<byte> packet, long index)
    {
        ushort seq = (ushort)(viewer.AudioSeqBase + (index - viewer.AudioIndexOrigin));
        uint ts = CanonicalPacket.Timestamp(packet) + viewer.AudioTsOffset;
        bool ok = Send(viewer, packet, viewer.Media.AudioPayloadType, viewer.AudioSsrc, seq, ts, video: false);
        if (ok)
        {
            viewer.AudioPackets++;
            viewer.AudioOctets += (uint)(packet.Length - CanonicalPacket.HeaderSize);
            viewer.LastAudioRtpTs = ts;
            viewer.LastAudioSendTicks = Clock.Ticks;
        }
        return ok;
    }

    /// <summary>The canonical sequence number a viewer's NACKed video sequence number maps to.</summary>
    public static ushort CanonicalVideoSequence(ViewerSession viewer, ushort viewerSeq) =>
        (ushort)((ushort)viewer.VideoIndexOrigin + (ushort)(viewerSeq - viewer.VideoSeqBase));

    /// <summary>Index of a canonical packet from its 16-bit sequence, given the newest index of the feed.</summary>
    public static long IndexOf(ushort canonicalSeq, long newestIndex) =>
        newestIndex - (ushort)((ushort)newestIndex - canonicalSeq);

    private bool Send(ViewerSession viewer, ReadOnlySpan<byte> packet, int payloadType, uint ssrc, ushort seq, uint ts, bool video)
    {
        SrtpSession? srtp = viewer.Srtp;
        var remote = viewer.Remote;
        if (srtp is null || remote is null)
        {
            return false;
        }
        var header = new RtpHeader
        {
            PayloadType = (byte)payloadType,
            SequenceNumber = seq,
            Timestamp = ts,
            Ssrc = ssrc,
            Marker = CanonicalPacket.Marker(packet),
        };
        ViewerMedia media = viewer.Media;
        if (media.TransportCcExtensionId > 0)
        {
            header.Extensions.TryAddTransportSequenceNumber(media.TransportCcExtensionId, viewer.TransportSeq++);
        }
        if (video && _zeroPlayoutDelay && media.PlayoutDelayExtensionId > 0)
        {
            header.Extensions.TryAddPlayoutDelay(media.PlayoutDelayExtensionId, 0, 0);
        }
        if (media.AbsSendTimeExtensionId > 0)
        {
            header.Extensions.TryAddAbsSendTime(media.AbsSendTimeExtensionId, RtpExtensionValues.AbsSendTimeFromUnixNs(Clock.UnixNowNs()));
        }
        if (_batch.IsFull)
        {
            Flush();
        }
        Span<byte> buffer = _batch.NextSlot;
        ReadOnlySpan<byte> payload = CanonicalPacket.Payload(packet);
        if (!header.TryWrite(buffer, out int headerLength) || headerLength + payload.Length + SrtpProfileParameters.MaxOverhead > buffer.Length)
        {
            _sendFailures++;
            return false;
        }
        payload.CopyTo(buffer[headerLength..]);
        if (srtp.Outbound.ProtectRtpInPlace(buffer, headerLength + payload.Length, out int written) != SrtpStatus.Ok)
        {
            _sendFailures++;
            return false;
        }
        int index = _batch.Commit(written, remote);
        if (_markedIndex == -2)
        {
            _markedIndex = index; // the first datagram after MarkNext: its send id is known at the next flush
        }
        return true;
    }

    /// <summary>The next datagram queued is to be followed (its kernel send id is reported by <see cref="Flush"/>).</summary>
    public void MarkNext() => _markedIndex = -2;

    /// <summary>Forgets a mark that no datagram took.</summary>
    public void CancelMark() => _markedIndex = -1;

    /// <summary>Sends what is queued (one sendmmsg); returns the send id of the marked datagram, if it went in this flush.</summary>
    public uint? Flush()
    {
        if (_batch.Count == 0)
        {
            return null;
        }
        int marked = _markedIndex;
        int count = _batch.Count;
        int sent = _udp.SendBatch(_batch, out uint firstId);
        if (marked >= 0)
        {
            _markedIndex = -1;
            return marked < sent && sent == count ? firstId + (uint)marked : null;
        }
        return null;
    }

    /// <summary>Datagrams waiting in the batch.</summary>
    public int Pending => _batch.Count;

    public void Dispose() => _batch.Dispose();

    /// <summary>Sends a sender report (+ SDES CNAME) for each track that has sent something.</summary>
    public void SendReports(ViewerSession viewer)
    {
        SrtpSession? srtp = viewer.Srtp;
        var remote = viewer.Remote;
        if (srtp is null || remote is null)
        {
            return;
        }
        long nowTicks = Clock.Ticks;
        ulong ntp = NtpTime.FromUnixNs(Clock.UnixNowNs());
        Span<byte> cname = stackalloc byte[32];
        int cnameLength = System.Text.Encoding.ASCII.GetBytes(viewer.Cname, cname);
        if (viewer.VideoPackets > 0)
        {
            uint rtpNow = viewer.LastVideoRtpTs + (uint)(Clock.TicksToNs(nowTicks - viewer.LastVideoSendTicks) * 90 / 1_000_000);
            SendReport(srtp, remote, viewer.VideoSsrc, ntp, rtpNow, viewer.VideoPackets, viewer.VideoOctets, cname[..cnameLength]);
        }
        if (viewer.AudioPackets > 0)
        {
            uint rtpNow = viewer.LastAudioRtpTs + (uint)(Clock.TicksToNs(nowTicks - viewer.LastAudioSendTicks) * 48 / 1_000_000);
            SendReport(srtp, remote, viewer.AudioSsrc, ntp, rtpNow, viewer.AudioPackets, viewer.AudioOctets, cname[..cnameLength]);
        }
        viewer.LastReportTicks = nowTicks;
    }

    private void SendReport(SrtpSession srtp, System.Net.SocketAddress remote, uint ssrc, ulong ntp, uint rtp, uint packets, uint octets, ReadOnlySpan<byte> cname)
    {
        var report = new SenderReport { Ssrc = ssrc, NtpTimestamp = ntp, RtpTimestamp = rtp, PacketCount = packets, OctetCount = octets };
        if (_batch.IsFull)
        {
            Flush();
        }
        Span<byte> buffer = _batch.NextSlot;
        if (!RtcpCompoundBuilder.TryWriteSenderReportWithSdes(buffer, report, cname, out int length))
        {
            _sendFailures++;
            return;
        }
        if (srtp.Outbound.ProtectRtcpInPlace(buffer, length, out int written) != SrtpStatus.Ok)
        {
            _sendFailures++;
            return;
        }
        _batch.Commit(written, remote);
    }
}
