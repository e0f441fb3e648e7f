using System.Security.Cryptography;
using System.Threading.Channels;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Rtp;
using VideoRelay.WebRtc.Rtp.H264;
using VideoRelay.WebRtc.Rtp.Opus;
using VideoRelay.WebRtc.Rtp.Rtcp;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.WhepClient.Internal;

/// <summary>
/// The viewer's media path, on the receive thread: drop hook → SRTP unprotect → per track: reception
/// statistics, (video) NACK tracking and the reorder buffer → depacketizer → frames. Also the feedback it
/// owes the sender: generic NACK, PLI, receiver reports — all SRTCP-protected with the one outbound context.
/// </summary>
/// <remarks>
/// Packets that arrive before the DTLS handshake has produced our keys (the server may finish its side and
/// start sending first) are held in a small queue and processed once the keys are in place.
/// No allocation per packet; one copy per frame only when the frame queue is on.
/// </remarks>
internal sealed class MediaReceiver : IDisposable
{
    private const int EarlyCapacity = 512;
    private const int RtcpBuffer = 1500;
    private static readonly long StartupKeyframeWait = Clock.Frequency * 3 / 10;

    private readonly WhepViewerOptions _options;
    private readonly WhepViewerCounters _c;
    private readonly ViewerSocket _socket;
    private readonly int _videoPt;
    private readonly int _audioPt;
    private readonly H264Depacketizer _h264;
    private readonly byte[] _videoOut;
    private readonly OpusDepacketizer _opus;
    private readonly byte[] _audioOut = new byte[8192];
    private readonly RtpReorderBuffer _reorder;
    private readonly NackTracker _nack;
    private readonly ReceptionStatistics _videoStats = new(90000);
    private readonly ReceptionStatistics _audioStats = new(48000);
    private readonly Channel<ReceivedFrame>? _frames;
    private readonly Random? _dropRandom;
    private readonly uint _ssrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
    private readonly byte[] _cname = System.Text.Encoding.ASCII.GetBytes(RandomNumberGenerator.GetHexString(16, lowercase: true));
    private readonly byte[] _rtcp = new byte[RtcpBuffer];
    private readonly ushort[] _due = new ushort[NackTracker.Capacity];
    private readonly long _pliTicks;
    private readonly long _reportTicks;
    private volatile SrtpSession? _srtp;
    private byte[]? _early = new byte[EarlyCapacity * RtpReorderBuffer.SlotSize];
    private readonly int[] _earlyLengths = new int[EarlyCapacity];
    private int _earlyCount;
    private long _firstVideoTicks;
    private long _lastPliTicks;
    private long _lastReportTicks;

    public MediaReceiver(WhepViewerOptions options, WhepViewerCounters counters, ViewerSocket socket, int videoPayloadType, int audioPayloadType)
    {
        _options = options;
        _c = counters;
        _socket = socket;
        _videoPt = videoPayloadType;
        _audioPt = audioPayloadType;
        _videoOut = GC.AllocateUninitializedArray<byte>(options.MaxFrameSize);
        _h264 = new H264Depacketizer(_videoOut);
        _opus = new OpusDepacketizer(_audioOut);
        long giveUp = Ticks(options.NackGiveUp);
        _reorder = new RtpReorderBuffer(1024, giveUp);
        _nack = new NackTracker(Ticks(options.NackRetryInterval), giveUp, options.MaxNacksPerPacket);
        _pliTicks = Ticks(options.PliInterval);
        _reportTicks = Ticks(options.ReportInterval);
        if (options.FrameQueueCapacity > 0)
        {
            _frames = Channel.CreateBounded<ReceivedFrame>(new BoundedChannelOptions(options.FrameQueueCapacity)
            {
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: counted, never blocks
            });
        }
        if (options.DropProbability > 0)
        {
            _dropRandom = new Random(options.DropSeed);
        }
    }

    public ChannelReader<ReceivedFrame>? Frames => _frames?.Reader;

    /// <summary>When the first frame (video or audio) was complete; 0 before.</summary>
    public long FirstFrameTicks { get; private set; }

    /// <summary>When the first video frame was complete and whether it was a keyframe.</summary>
    public long FirstVideoFrameTicks { get; private set; }
    public bool FirstVideoFrameWasKeyframe { get; private set; }

    /// <summary>The depacketizer's figures (receive thread's view).</summary>
    public H264Depacketizer Video => _h264;

    /// <summary>Any thread: the keys are ready; packets flow from the next receive-thread turn.</summary>
    public void SetSrtp(SrtpSession srtp) => _srtp = srtp;

    // ------------------------------------------------------------------ receive

    public void OnRtp(Span<byte> datagram, long nowTicks)
    {
        if (_options.DropIncomingRtp is { } hook && hook(datagram))
        {
            Interlocked.Increment(ref _c._droppedByHook);
            return;
        }
        if (_dropRandom is not null && _dropRandom.NextDouble() < _options.DropProbability)
        {
            Interlocked.Increment(ref _c._droppedByHook);
            return;
        }
        SrtpSession? srtp = _srtp;
        if (srtp is null)
        {
            Hold(datagram);
            return;
        }
        if (_earlyCount > 0)
        {
            ReleaseEarly(srtp, nowTicks);
        }
        ProcessRtp(srtp, datagram, nowTicks);
    }

    public void OnRtcp(Span<byte> datagram, long nowTicks)
    {
        if (_srtp is not { } srtp)
        {
            return;
        }
        SrtpStatus status = srtp.Inbound.UnprotectRtcpInPlace(datagram, out int length);
        if (status != SrtpStatus.Ok)
        {
            Interlocked.Increment(ref status == SrtpStatus.AuthFailed ? ref _c._srtpAuthFailures : ref _c._srtpErrors);
            return;
        }
        Interlocked.Increment(ref _c._rtcpPackets);
        var reader = new RtcpCompoundReader(datagram[..length]);
        while (reader.TryNext(out RtcpHeader header, out ReadOnlySpan<byte> packet))
        {
            if (header.PacketType == RtcpPacketType.SenderReport && SenderReport.TryRead(packet, out SenderReport sr, out _))
            {
                Interlocked.Increment(ref _c._senderReports);
                if (_videoStats.Started && sr.Ssrc == _videoStats.Ssrc)
                {
                    _videoStats.OnSenderReport(sr.NtpTimestamp, nowTicks);
                }
                else if (_audioStats.Started && sr.Ssrc == _audioStats.Ssrc)
                {
                    _audioStats.OnSenderReport(sr.NtpTimestamp, nowTicks);
                }
            }
        }
    }

    private void Hold(ReadOnlySpan<byte> datagram)
    {
        if (_early is null || _earlyCount == EarlyCapacity || datagram.Length > RtpReorderBuffer.SlotSize)
        {
            Interlocked.Increment(ref _c._srtpErrors); // no keys and nowhere to keep it
            return;
        }
        datagram.CopyTo(_early.AsSpan(_earlyCount * RtpReorderBuffer.SlotSize));
        _earlyLengths[_earlyCount++] = datagram.Length;
        Interlocked.Increment(ref _c._earlyPackets);
    }

    private void ReleaseEarly(SrtpSession srtp, long nowTicks)
    {
        byte[] early = _early!;
        for (int i = 0; i < _earlyCount; i++)
        {
            ProcessRtp(srtp, early.AsSpan(i * RtpReorderBuffer.SlotSize, _earlyLengths[i]), nowTicks);
        }
        _earlyCount = 0;
        _early = null; // only the handshake race needs it
    }

    private void ProcessRtp(SrtpSession srtp, Span<byte> datagram, long nowTicks)
    {
        SrtpStatus status = srtp.Inbound.UnprotectRtpInPlace(datagram, out int length);
        if (status != SrtpStatus.Ok)
        {
            Interlocked.Increment(ref status == SrtpStatus.AuthFailed ? ref _c._srtpAuthFailures : ref _c._srtpErrors);
            return;
        }
        Span<byte> packet = datagram[..length];
        if (!RtpHeader.TryRead(packet, out RtpHeader header, out _))
        {
            Interlocked.Increment(ref _c._rtpMalformed);
            return;
        }
        Interlocked.Increment(ref _c._rtpPackets);
        Interlocked.Add(ref _c._rtpBytes, length);
        if (header.PayloadType == _videoPt)
        {
            OnVideo(in header, packet, nowTicks);
        }
        else if (header.PayloadType == _audioPt)
        {
            OnAudio(in header, packet, nowTicks);
        }
        else
        {
            Interlocked.Increment(ref _c._rtpUnknownPayloadType);
        }
    }

    private void OnVideo(in RtpHeader header, ReadOnlySpan<byte> packet, long nowTicks)
    {
        Interlocked.Increment(ref _c._videoPackets);
        if (_firstVideoTicks == 0)
        {
            _firstVideoTicks = nowTicks;
        }
        ushort seq = header.SequenceNumber;
        bool retransmission = _nack.OnPacket(seq, nowTicks);
        if (retransmission)
        {
            Interlocked.Increment(ref _c._retransmissions);
        }
        _videoStats.OnPacket(header.Ssrc, seq, header.Timestamp, nowTicks, retransmission);
        switch (_reorder.Classify(seq, out int skipped))
        {
            case RtpReorderBuffer.Placement.Direct:
            case RtpReorderBuffer.Placement.Restart:
                AddLost(skipped);
                PushVideo(seq, header.Timestamp, header.Marker, header.GetPayload(packet));
                _reorder.Advance(seq);
                DrainReorder(nowTicks);
                break;
            case RtpReorderBuffer.Placement.Buffer:
                if (!_reorder.TryInsert(seq, packet, nowTicks))
                {
                    Interlocked.Increment(ref _c._latePackets); // a duplicate of one waiting
                }
                DrainReorder(nowTicks);
                break;
            default:
                Interlocked.Increment(ref _c._latePackets);
                break;
        }
    }

    private void DrainReorder(long nowTicks)
    {
        if (_reorder.Buffered == 0)
        {
            return;
        }
        int skipped = 0;
        while (_reorder.TryTake(nowTicks, out ushort seq, out ReadOnlySpan<byte> packet, ref skipped))
        {
            if (RtpHeader.TryRead(packet, out RtpHeader header, out _))
            {
                PushVideo(seq, header.Timestamp, header.Marker, header.GetPayload(packet));
            }
        }
        AddLost(skipped);
    }

    private void AddLost(int skipped)
    {
        if (skipped > 0)
        {
            Interlocked.Add(ref _c._packetsLost, skipped);
        }
    }

    private void PushVideo(ushort seq, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        long droppedBefore = _h264.AccessUnitsDropped;
        DepacketizeResult result = _h264.Push(seq, timestamp, marker, payload);
        if (_h264.AccessUnitsDropped != droppedBefore)
        {
            Interlocked.Add(ref _c._framesDropped, _h264.AccessUnitsDropped - droppedBefore);
        }
        if (!result.HasFrame)
        {
            return;
        }
        Interlocked.Increment(ref _c._videoFrames);
        if (result.IsKeyframe)
        {
            Interlocked.Increment(ref _c._keyframes);
        }
        if (FirstVideoFrameTicks == 0)
        {
            FirstVideoFrameTicks = Clock.Ticks;
            FirstVideoFrameWasKeyframe = result.IsKeyframe;
        }
        Deliver(MediaKind.Video, result.Timestamp, result.IsKeyframe, _videoOut.AsSpan(0, result.FrameLength));
    }

    private void OnAudio(in RtpHeader header, ReadOnlySpan<byte> packet, long nowTicks)
    {
        Interlocked.Increment(ref _c._audioPackets);
        _audioStats.OnPacket(header.Ssrc, header.SequenceNumber, header.Timestamp, nowTicks, retransmission: false);
        long lateBefore = _opus.LatePackets;
        DepacketizeResult result = _opus.Push(header.SequenceNumber, header.Timestamp, header.Marker, header.GetPayload(packet));
        AddLost(result.LostPackets);
        if (_opus.LatePackets != lateBefore)
        {
            Interlocked.Increment(ref _c._latePackets);
        }
        if (!result.HasFrame)
        {
            return;
        }
        Interlocked.Increment(ref _c._audioFrames);
        Deliver(MediaKind.Audio, result.Timestamp, keyframe: true, _audioOut.AsSpan(0, result.FrameLength));
    }

    private void Deliver(MediaKind kind, uint timestamp, bool keyframe, ReadOnlySpan<byte> payload)
    {
        long unixNs = Clock.UnixNowNs();
        if (FirstFrameTicks == 0)
        {
            FirstFrameTicks = Clock.Ticks;
        }
        _options.OnFrame?.Invoke(kind, timestamp, keyframe, payload, unixNs);
        if (_frames is not null && !_frames.Writer.TryWrite(new ReceivedFrame(kind, timestamp, keyframe, payload.ToArray(), unixNs)))
        {
            Interlocked.Increment(ref _c._framesQueueFull);
        }
    }

    // ------------------------------------------------------------------ timers and feedback

    /// <summary>Receive thread, about every millisecond: held packets, reorder give-ups, NACK, PLI, reports.</summary>
    public void Tick(long nowTicks)
    {
        if (_srtp is not { } srtp)
        {
            return;
        }
        if (_earlyCount > 0)
        {
            ReleaseEarly(srtp, nowTicks);
        }
        DrainReorder(nowTicks);
        if (_videoStats.Started && _nack.Count > 0 && _options.MaxNacksPerPacket > 0)
        {
            int n = _nack.CollectDue(nowTicks, _due);
            if (n > 0)
            {
                SendNack(srtp, _due.AsSpan(0, n));
            }
        }
        if (_videoStats.Started && _h264.NeedsKeyframe && nowTicks - _lastPliTicks >= _pliTicks
            && (_h264.AccessUnitsEmitted > 0 || nowTicks - _firstVideoTicks > StartupKeyframeWait))
        {
            _lastPliTicks = nowTicks;
            SendPli(srtp);
        }
        if (nowTicks - _lastReportTicks >= _reportTicks && (_videoStats.Started || _audioStats.Started))
        {
            _lastReportTicks = nowTicks;
            SendReceiverReport(srtp, nowTicks);
        }
    }

    private void SendNack(SrtpSession srtp, ReadOnlySpan<ushort> lost)
    {
        // At most 200 FCIs (12 + 800 bytes) per packet, so even scattered losses fit one datagram each.
        const int maxPerPacket = 200;
        for (int start = 0; start < lost.Length; start += maxPerPacket)
        {
            ReadOnlySpan<ushort> part = lost.Slice(start, Math.Min(maxPerPacket, lost.Length - start));
            if (NackPacket.TryWrite(_rtcp, _ssrc, _videoStats.Ssrc, part, out int written) && Protect(srtp, written))
            {
                Interlocked.Increment(ref _c._nackPacketsSent);
                Interlocked.Add(ref _c._nackedSequences, part.Length);
            }
        }
    }

    private void SendPli(SrtpSession srtp)
    {
        if (new PictureLossIndication(_ssrc, _videoStats.Ssrc).TryWrite(_rtcp, out int written) && Protect(srtp, written))
        {
            Interlocked.Increment(ref _c._plisSent);
        }
    }

    private void SendReceiverReport(SrtpSession srtp, long nowTicks)
    {
        var rr = new ReceiverReport { Ssrc = _ssrc };
        if (_videoStats.Started)
        {
            rr.Blocks.TryAdd(_videoStats.BuildBlock(nowTicks));
        }
        if (_audioStats.Started)
        {
            rr.Blocks.TryAdd(_audioStats.BuildBlock(nowTicks));
        }
        if (RtcpCompoundBuilder.TryWriteReceiverReportWithSdes(_rtcp, rr, _cname, out int written) && Protect(srtp, written))
        {
            Interlocked.Increment(ref _c._receiverReportsSent);
        }
    }

    private bool Protect(SrtpSession srtp, int length)
    {
        if (srtp.Outbound.ProtectRtcpInPlace(_rtcp, length, out int written) != SrtpStatus.Ok)
        {
            Interlocked.Increment(ref _c._srtpErrors);
            return false;
        }
        _socket.Send(_rtcp.AsSpan(0, written));
        return true;
    }

    private static long Ticks(TimeSpan t) => (long)(t.TotalSeconds * Clock.Frequency);

    public void Dispose()
    {
        _frames?.Writer.TryComplete();
    }
}
