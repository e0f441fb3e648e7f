using VideoRelay.Core.Timing;
using VideoRelay.Edge.Sessions;
using VideoRelay.Edge.Transport;
using VideoRelay.WebRtc.Rtp;
using VideoRelay.WebRtc.Rtp.Rtcp;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Edge.Fanout;

/// <summary>
/// Per-viewer sending, on the fan-out thread: rebuild the RTP header of a canonical packet for this viewer
/// (SSRC, sequence, timestamp, payload type, header extensions), SRTP-protect in place in the thread's scratch
/// buffer, send. Also the viewer's RTCP sender reports. Allocation-free.
/// </summary>
internal sealed class ViewerSender
{
    private readonly UdpTransport _udp;
    private readonly byte[] _scratch = GC.AllocateArray<byte>(UdpTransport.MaxDatagram, pinned: true);
    private readonly bool _zeroPlayoutDelay;
    private long _sendFailures;

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
        Span<byte> buffer = _scratch;
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
        uint? id = _udp.Send(buffer[..written], remote);
        if (id is null)
        {
            return false;
        }
        LastSendId = id.Value;
        return true;
    }

    /// <summary>The kernel send id of the last packet sent (for matching its transmit timestamp).</summary>
    public uint LastSendId { get; private set; }

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
        Span<byte> buffer = _scratch;
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
        _udp.Send(buffer[..written], remote);
    }
}
