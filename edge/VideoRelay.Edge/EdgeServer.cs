using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Edge.Fanout;
using VideoRelay.Edge.Sessions;
using VideoRelay.Edge.Transport;
using VideoRelay.WebRtc.Dtls;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Edge;

/// <summary>
/// The WebRTC edge: every viewer on one UDP port (ICE-lite, DTLS-SRTP), WHEP sessions, and a fan-out per stream.
/// </summary>
/// <remarks>
/// Demultiplexing on the port (RFC 7983, first byte of the datagram):
/// <code>
///   [0..3]     STUN   → ICE-lite agent, session found by the USERNAME's local ufrag
///   [20..63]   DTLS   → session found by remote address → its DTLS bridge
///   [128..191] RTP/RTCP → session found by remote address → SRTCP unprotect → NACK / PLI / FIR / REMB / RR
///   else       dropped and counted
/// </code>
/// </remarks>
public sealed class EdgeServer : IDatagramHandler, IDisposable
{
    private readonly EdgeOptions _options;
    private readonly IStreamCatalog _catalog;
    private readonly ILogger _log;
    private readonly UdpTransport _udp;
    private readonly IceCredentialTable<ViewerSession> _iceTable = new();
    private readonly IceLiteAgent<ViewerSession> _ice;
    private readonly ConcurrentDictionary<string, ViewerSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SocketAddress, ViewerSession> _byAddress = new();
    private readonly ConcurrentDictionary<string, StreamFanout> _fanouts = new(StringComparer.Ordinal);
    private readonly PinnedBufferPool _packets;
    private readonly DtlsCounters _dtlsCounters = new();
    private readonly byte[] _stunResponse = new byte[IceLiteAgent<ViewerSession>.MaxResponseSize];
    private readonly ushort[] _lost = new ushort[512];
    private readonly Timer _sweeper;
    private readonly Lock _fanoutLock = new();
    private int _disposed;

    public EdgeServer(EdgeOptions options, IStreamCatalog catalog, ILogger<EdgeServer> log)
    {
        _options = options;
        _catalog = catalog;
        _log = log;
        Certificate = DtlsCertificate.Generate("VideoRelay edge");
        _ice = new IceLiteAgent<ViewerSession>(_iceTable);
        _packets = new PinnedBufferPool(1536, 16384, "edge-packets");
        var bind = new IPEndPoint(IPAddress.Parse(options.BindAddress), options.UdpPort);
        _udp = new UdpTransport(bind, this, log, options.TransmitTimestamps);
        _sweeper = new Timer(_ => Sweep(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public DtlsCertificate Certificate { get; }
    public EdgeCounters Counters { get; } = new();
    public DtlsCounters DtlsCounters => _dtlsCounters;

    /// <summary>Kernel timestamps the UDP socket gets (RX/TX source).</summary>
    public VideoRelay.Core.Net.TimestampingStatus Timestamping => _udp.Timestamping;

    /// <summary>Transmit timestamps matched to frames / not matched (packets other than a frame's first).</summary>
    public long TxStampsMatched => _udp.TxTracker.Matched;
    public IPEndPoint UdpEndPoint => _udp.LocalEndPoint;
    public int ViewerCount => _sessions.Count;
    internal IEnumerable<StreamFanout> Fanouts => _fanouts.Values;
    internal IEnumerable<ViewerSession> Sessions => _sessions.Values;
    public long PacketPoolMisses => _packets.Misses;
    public long UdpReceived => _udp.Received;
    public long UdpSent => _udp.Sent;
    public long UdpBytesSent => _udp.BytesSent;

    public void Start()
    {
        _udp.Start();
        _sweeper.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Log.UdpListening(_log, _udp.LocalEndPoint.ToString(), $"{_options.AnnouncedAddress}:{_udp.LocalEndPoint.Port}");
        Log.UdpTimestamping(_log, _udp.Timestamping.Rx.ToString(), _udp.Timestamping.Tx.ToString(), _udp.Timestamping.Note ?? "");
    }

    // ------------------------------------------------------------------ WHEP

    /// <summary>Answers a WHEP offer: a new viewer session, or a refusal with an HTTP status and reason.</summary>
    public async Task<WhepResult> CreateSessionAsync(string streamName, string offerSdp, string? rendition, CancellationToken ct)
    {
        IStreamHandle? stream = await _catalog.FindAsync(streamName, ct);
        if (stream is null)
        {
            return Refuse(404, streamName, "stream not found");
        }
        if (_sessions.Count >= _options.MaxViewers)
        {
            return Refuse(503, streamName, "this edge is full");
        }
        IReadOnlyList<RenditionInfo> renditions = stream.Renditions;
        if (!stream.IsLive && renditions.Count == 0)
        {
            return Refuse(503, streamName, "stream offline");
        }
        bool auto = string.IsNullOrEmpty(rendition) || rendition == "auto";
        RenditionInfo? chosen = auto ? renditions.FirstOrDefault() : renditions.FirstOrDefault(r => r.Name == rendition);
        if (chosen is null)
        {
            return renditions.Count == 0
                ? Refuse(503, streamName, "stream offline (no video yet)")
                : Refuse(404, streamName, $"rendition '{rendition}' not found (have: {string.Join(", ", renditions.Select(r => r.Name))})");
        }

        SessionDescription offer;
        try
        {
            offer = SdpParser.Parse(offerSdp);
        }
        catch (SdpParseException e)
        {
            return Refuse(400, streamName, $"malformed SDP offer: {e.Message}");
        }

        IceCredentials local = IceCredentials.Generate();
        var video = new LocalTrack(1, "probe", "probe", "probe");
        WhepAnswer answer;
        ViewerSession session;
        try
        {
            // Two passes: negotiate first to learn what the viewer takes, then build the session with its SSRCs.
            var localParams = new WhepLocalParameters
            {
                IceUfrag = local.Ufrag,
                IcePwd = local.Password,
                Fingerprint = new VideoRelay.WebRtc.Sdp.DtlsFingerprint("sha-256", Certificate.Sha256.Span),
                CandidateAddress = _options.AnnouncedAddress,
                CandidatePort = _udp.LocalEndPoint.Port,
                Video = video,
                Audio = stream.AudioConfig is null ? null : video,
            };
            WhepAnswer probe = WhepAnswerBuilder.Build(offer, localParams);
            NegotiatedSession n = probe.Session;
            NegotiatedMedia? v = n.Video;
            NegotiatedMedia? a = n.Audio;
            if (v is null)
            {
                return Refuse(400, streamName, "the offer accepts no H.264 video with packetization-mode=1");
            }
            var media = new ViewerMedia(
                v.PayloadType,
                a?.PayloadType ?? -1,
                v.Extensions.TransportWideCc,
                v.Extensions.PlayoutDelay,
                v.Extensions.AbsSendTime,
                n.RemoteIceUfrag,
                n.RemoteIcePwd,
                n.RemoteFingerprint.Bytes.ToArray());
            session = new ViewerSession(streamName, stream, chosen.Id, auto, media, local);
            string msid = $"vr-{streamName}";
            answer = WhepAnswerBuilder.Build(offer, localParams with
            {
                Video = new LocalTrack(session.VideoSsrc, session.Cname, msid, "video"),
                Audio = a is null ? null : new LocalTrack(session.AudioSsrc, session.Cname, msid, "audio"),
            });
        }
        catch (SdpNegotiationException e)
        {
            return Refuse(400, streamName, e.Message);
        }

        session.Consent = new ConsentFreshness(TimeProvider.System, TimeSpan.FromSeconds(_options.ConsentTimeoutSeconds));
        session.IceCredential = new IceLocalCredential<ViewerSession>(local.Ufrag, local.Password, session, session.Media.RemoteUfrag);
        _sessions[session.Id] = session;
        _iceTable.TryAdd(session.IceCredential);
        StreamFanout fanout = GetFanout(streamName, stream);
        session.Fanout = fanout;
        fanout.Add(session);
        Interlocked.Increment(ref Counters.SessionsCreated);
        return new WhepResult(201, answer.Sdp, session.Id, null);
    }

    private WhepResult Refuse(int status, string stream, string reason)
    {
        Interlocked.Increment(ref Counters.OffersRefused);
        Log.OfferRefused(_log, stream, reason);
        return new WhepResult(status, null, null, reason);
    }

    /// <summary>Ends a session (WHEP DELETE). False when there is no such session.</summary>
    public bool DeleteSession(string streamName, string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out ViewerSession? session) || session.StreamName != streamName)
        {
            return false;
        }
        Close(session, "viewer left (DELETE)");
        return true;
    }

    private StreamFanout GetFanout(string name, IStreamHandle stream)
    {
        lock (_fanoutLock)
        {
            if (_fanouts.TryGetValue(name, out StreamFanout? existing) && ReferenceEquals(existing.Stream, stream))
            {
                return existing;
            }
            existing?.Dispose();
            var fanout = new StreamFanout(name, stream, _options, _packets, _udp, _log);
            _fanouts[name] = fanout;
            return fanout;
        }
    }

    // ------------------------------------------------------------------ datagrams (receive thread)

    void IDatagramHandler.OnDatagram(Span<byte> datagram, SocketAddress remote)
    {
        switch (DatagramClassifier.Classify(datagram))
        {
            case DatagramKind.Stun:
                OnStun(datagram, remote);
                break;
            case DatagramKind.Dtls:
                OnDtls(datagram, remote);
                break;
            case DatagramKind.Rtcp:
                OnRtcp(datagram, remote);
                break;
            case DatagramKind.Rtp:
                Interlocked.Increment(ref Counters.RtpFromViewers); // viewers are recvonly
                break;
            default:
                Interlocked.Increment(ref Counters.UnknownDatagrams);
                break;
        }
    }

    private void OnStun(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        var endpoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(remote);
        IceCheckResult<ViewerSession> result = _ice.Process(datagram, endpoint, _stunResponse);
        if (result.Outcome == IceCheckOutcome.Dropped)
        {
            Interlocked.Increment(ref Counters.StunDropped);
            return;
        }
        _udp.Send(_stunResponse.AsSpan(0, result.ResponseLength), remote);
        if (result.Outcome == IceCheckOutcome.ErrorResponse || result.Session is not { } session)
        {
            Interlocked.Increment(ref Counters.StunErrors);
            return;
        }
        Interlocked.Increment(ref Counters.StunChecks);
        if (session.State == ViewerState.Closed)
        {
            return;
        }
        session.Consent?.Refresh();
        if (session.Remote is null || result.UseCandidate)
        {
            SocketAddress? previous = session.Remote;
            if (session.TrySetRemote(remote))
            {
                if (previous is not null)
                {
                    _byAddress.TryRemove(previous, out _);
                }
                _byAddress[session.Remote!] = session;
            }
        }
        if (session.TryAdvance(ViewerState.Connecting, ViewerState.Handshaking))
        {
            StartDtls(session);
        }
    }

    private void StartDtls(ViewerSession session)
    {
        var channel = new DtlsDatagramChannel(d =>
        {
            if (session.Remote is { } to)
            {
                _udp.Send(d, to);
            }
        }, _dtlsCounters);
        session.Dtls = channel;
        _ = CompleteDtlsAsync(session, channel);
    }

    private async Task CompleteDtlsAsync(ViewerSession session, DtlsDatagramChannel channel)
    {
        try
        {
            DtlsSrtpResult result = await DtlsSrtpEndpoint.AcceptAsync(
                Certificate, session.Media.RemoteFingerprintSha256, channel, TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds));
            session.DtlsResult = result;
            if (!SrtpSession.TryCreate(result.KeyingMaterial, (SrtpProfile)result.SrtpProfileId, DtlsSrtpRole.Server, out SrtpSession? srtp) || srtp is null)
            {
                Close(session, $"unsupported SRTP profile 0x{result.SrtpProfileId:x4}");
                return;
            }
            session.Srtp = srtp;
            if (session.TryAdvance(ViewerState.Handshaking, ViewerState.Playing))
            {
                session.Fanout?.Wake();
                Log.ViewerConnected(_log, session.Id, session.StreamName, session.RenditionName, session.Remote?.ToString() ?? "?",
                    session.AgeSeconds * 1000, DtlsSrtpProfile.GetName(result.SrtpProfileId));
            }
        }
        catch (DtlsHandshakeException e)
        {
            Log.DtlsFailed(_log, session.Id, e.Message);
            Close(session, $"DTLS failed: {e.Reason}");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            Close(session, $"DTLS ended: {e.GetType().Name}");
        }
    }

    private void OnDtls(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        Interlocked.Increment(ref Counters.DtlsDatagrams);
        if (!_byAddress.TryGetValue(remote, out ViewerSession? session) || session.Dtls is not { } channel)
        {
            Interlocked.Increment(ref Counters.DtlsNoSession);
            return;
        }
        if (!channel.TryDeliver(datagram))
        {
            Interlocked.Increment(ref Counters.DtlsDropped);
            return;
        }
        if (session.DtlsResult is { } established)
        {
            // After the handshake: retransmitted final flights, alerts, close_notify. Off the receive thread.
            ThreadPool.UnsafeQueueUserWorkItem(static s =>
            {
                if (!s.result.ProcessIncoming())
                {
                    s.server.Close(s.session, "DTLS closed by the viewer");
                }
            }, (result: established, server: this, session), preferLocal: false);
        }
    }

    private void OnRtcp(Span<byte> datagram, SocketAddress remote)
    {
        Interlocked.Increment(ref Counters.RtcpPackets);
        if (!_byAddress.TryGetValue(remote, out ViewerSession? session) || session.Srtp is not { } srtp)
        {
            Interlocked.Increment(ref Counters.RtcpNoSession);
            return;
        }
        SrtpStatus status = srtp.Inbound.UnprotectRtcpInPlace(datagram, out int length);
        if (status != SrtpStatus.Ok)
        {
            Interlocked.Increment(ref status == SrtpStatus.AuthFailed ? ref Counters.RtcpAuthFailed : ref Counters.RtcpMalformed);
            return;
        }
        bool wake = ViewerRtcp.Handle(session, datagram[..length], Counters, _lost);
        if (wake)
        {
            session.Fanout?.Wake();
        }
    }

    // ------------------------------------------------------------------ lifecycle

    private void Close(ViewerSession session, string reason)
    {
        if (!session.TryClose(reason))
        {
            return;
        }
        Interlocked.Increment(ref Counters.SessionsClosed);
        _sessions.TryRemove(session.Id, out _);
        _iceTable.Remove(session.LocalIce.Ufrag);
        if (session.Remote is { } remote)
        {
            _byAddress.TryRemove(new KeyValuePair<SocketAddress, ViewerSession>(remote, session));
        }
        try
        {
            session.DtlsResult?.Dispose(); // close_notify
            session.Dtls?.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // the transport is already gone
        }
        session.Fanout?.Wake();
        Log.ViewerClosed(_log, session.Id, session.StreamName, reason);
    }

    private void Sweep()
    {
        foreach (ViewerSession session in _sessions.Values)
        {
            ViewerState state = session.State;
            if (state is ViewerState.Connecting or ViewerState.Handshaking && session.AgeSeconds > _options.ConnectTimeoutSeconds)
            {
                Interlocked.Increment(ref Counters.SessionsTimedOut);
                Close(session, state == ViewerState.Connecting ? "no ICE checks arrived (timeout)" : "DTLS did not complete (timeout)");
            }
            else if (state == ViewerState.Playing && session.Consent is { IsExpired: true })
            {
                Interlocked.Increment(ref Counters.SessionsTimedOut);
                Close(session, "consent expired (no ICE checks for " + _options.ConsentTimeoutSeconds + " s)");
            }
        }
        lock (_fanoutLock)
        {
            foreach ((string name, StreamFanout fanout) in _fanouts)
            {
                if (fanout.ViewerCount == 0 && !_sessions.Values.Any(s => s.StreamName == name))
                {
                    _fanouts.TryRemove(name, out _);
                    fanout.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return; // the host stops it, then the container disposes it
        }
        _sweeper.Dispose();
        foreach (ViewerSession session in _sessions.Values)
        {
            Close(session, "edge shutting down");
        }
        foreach (StreamFanout fanout in _fanouts.Values)
        {
            fanout.Dispose();
        }
        _udp.Dispose();
    }
}
