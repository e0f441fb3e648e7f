namespace VideoRelay.WhepClient;

/// <summary>
/// What a <see cref="WhepViewer"/> received and sent. Written by its receive thread (DTLS counters by the
/// handshake thread); any thread may read.
/// </summary>
public sealed class WhepViewerCounters
{
    internal long _datagrams;
    internal long _rtpPackets;
    internal long _rtpBytes;
    internal long _videoPackets;
    internal long _audioPackets;
    internal long _videoFrames;
    internal long _audioFrames;
    internal long _keyframes;
    internal long _framesDropped;
    internal long _framesQueueFull;
    internal long _packetsLost;
    internal long _latePackets;
    internal long _nackPacketsSent;
    internal long _nackedSequences;
    internal long _retransmissions;
    internal long _plisSent;
    internal long _receiverReportsSent;
    internal long _srtpAuthFailures;
    internal long _srtpErrors;
    internal long _rtpMalformed;
    internal long _rtpUnknownPayloadType;
    internal long _droppedByHook;
    internal long _rtcpPackets;
    internal long _senderReports;
    internal long _stunResponses;
    internal long _stunInvalid;
    internal long _consentChecksSent;
    internal long _consentResponses;
    internal long _dtlsDatagrams;
    internal long _unknownDatagrams;
    internal long _earlyPackets;

    /// <summary>Every datagram received on the socket.</summary>
    public long Datagrams => Volatile.Read(ref _datagrams);

    /// <summary>SRTP packets that unprotected (video + audio, retransmissions included).</summary>
    public long RtpPackets => Volatile.Read(ref _rtpPackets);

    /// <summary>Bytes of those packets (after unprotect: RTP header + payload).</summary>
    public long RtpBytes => Volatile.Read(ref _rtpBytes);

    public long VideoPackets => Volatile.Read(ref _videoPackets);
    public long AudioPackets => Volatile.Read(ref _audioPackets);

    /// <summary>Complete H.264 access units.</summary>
    public long VideoFrames => Volatile.Read(ref _videoFrames);

    /// <summary>Opus packets.</summary>
    public long AudioFrames => Volatile.Read(ref _audioFrames);

    /// <summary>Access units with an IDR slice.</summary>
    public long Keyframes => Volatile.Read(ref _keyframes);

    /// <summary>Access units the depacketizer dropped (damaged by loss, malformed, waiting for a keyframe).</summary>
    public long FramesDropped => Volatile.Read(ref _framesDropped);

    /// <summary>Frames not queued because <see cref="WhepViewer.Frames"/> was full.</summary>
    public long FramesQueueFull => Volatile.Read(ref _framesQueueFull);

    /// <summary>Packets given up on (still missing after the NACK window) plus audio gaps.</summary>
    public long PacketsLost => Volatile.Read(ref _packetsLost);

    /// <summary>Packets that came after their place was given up, or duplicates.</summary>
    public long LatePackets => Volatile.Read(ref _latePackets);

    /// <summary>RTCP generic NACK packets sent.</summary>
    public long NackPacketsSent => Volatile.Read(ref _nackPacketsSent);

    /// <summary>Sequence numbers asked for in those NACKs (a re-NACK counts again).</summary>
    public long NackedSequences => Volatile.Read(ref _nackedSequences);

    /// <summary>Packets that filled a hole we had NACKed.</summary>
    public long Retransmissions => Volatile.Read(ref _retransmissions);

    public long PlisSent => Volatile.Read(ref _plisSent);
    public long ReceiverReportsSent => Volatile.Read(ref _receiverReportsSent);

    /// <summary>SRTP/SRTCP packets whose authentication tag did not verify.</summary>
    public long SrtpAuthFailures => Volatile.Read(ref _srtpAuthFailures);

    /// <summary>Other SRTP/SRTCP failures (replay, malformed).</summary>
    public long SrtpErrors => Volatile.Read(ref _srtpErrors);

    /// <summary>Unprotected packets whose RTP header did not parse.</summary>
    public long RtpMalformed => Volatile.Read(ref _rtpMalformed);

    /// <summary>RTP packets with a payload type the answer did not accept.</summary>
    public long RtpUnknownPayloadType => Volatile.Read(ref _rtpUnknownPayloadType);

    /// <summary>Media packets the drop hook discarded.</summary>
    public long DroppedByHook => Volatile.Read(ref _droppedByHook);

    /// <summary>SRTCP datagrams that unprotected.</summary>
    public long RtcpPackets => Volatile.Read(ref _rtcpPackets);

    public long SenderReports => Volatile.Read(ref _senderReports);
    public long StunResponses => Volatile.Read(ref _stunResponses);

    /// <summary>STUN datagrams that were not a valid answer to our pending request.</summary>
    public long StunInvalid => Volatile.Read(ref _stunInvalid);

    public long ConsentChecksSent => Volatile.Read(ref _consentChecksSent);
    public long ConsentResponses => Volatile.Read(ref _consentResponses);
    public long DtlsDatagrams => Volatile.Read(ref _dtlsDatagrams);
    public long UnknownDatagrams => Volatile.Read(ref _unknownDatagrams);

    /// <summary>SRTP packets that arrived before our keys were ready (held, then processed).</summary>
    public long EarlyPackets => Volatile.Read(ref _earlyPackets);

    public override string ToString() =>
        $"rtp {RtpPackets} (video {VideoPackets}, audio {AudioPackets}), frames {VideoFrames}+{AudioFrames} (key {Keyframes}, dropped {FramesDropped}), " +
        $"lost {PacketsLost}, late {LatePackets}, nack {NackPacketsSent}/{NackedSequences}, rtx {Retransmissions}, pli {PlisSent}, " +
        $"rr {ReceiverReportsSent}, sr {SenderReports}, auth-fail {SrtpAuthFailures}, hook-drops {DroppedByHook}, early {EarlyPackets}";
}
