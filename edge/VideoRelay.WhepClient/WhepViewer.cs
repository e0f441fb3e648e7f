using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Dtls;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WebRtc.Srtp;
using VideoRelay.WhepClient.Internal;
using DtlsFingerprint = VideoRelay.WebRtc.Dtls.DtlsFingerprint;
using SdpFingerprint = VideoRelay.WebRtc.Sdp.DtlsFingerprint;

namespace VideoRelay.WhepClient;

/// <summary>
/// A WHEP viewer built from our own WebRTC stack, for tests and benchmarks: no browser. It POSTs a recvonly
/// H.264 + Opus offer, runs ICE as the controlling agent against the server's one candidate, DTLS as the
/// client, then receives SRTP: reorders video (so NACKed retransmissions land in place), reassembles H.264
/// access units and Opus packets, and sends NACK, PLI and receiver reports back.
/// </summary>
/// <remarks>
/// Usage: <c>await using var v = await WhepViewer.ConnectAsync(new Uri("http://127.0.0.1:8080/whep/live"), new(), ct);
/// await foreach (ReceivedFrame f in v.Frames.ReadAllAsync(ct)) { … }</c>.
/// One receive thread per viewer does all the per-packet work (see <c>Internal/ViewerSocket</c>).
/// <see cref="DisposeAsync"/> sends DELETE to the session URL, then closes DTLS and the socket.
/// </remarks>
[DebuggerDisplay("{SessionUrl} {Counters}")]
public sealed class WhepViewer : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly WhepViewerOptions _options;
    private readonly DtlsCertificate _certificate;
    private readonly IceCredentials _local;
    private readonly long _startTicks;
    private ViewerSocket? _socket;
    private IceAgent? _ice;
    private MediaReceiver? _media;
    private DtlsSrtpResult? _dtls;
    private SrtpSession? _srtp;
    private int _disposed;

    private WhepViewer(WhepViewerOptions options, HttpClient http, bool ownsHttp, DtlsCertificate certificate, IceCredentials local, long startTicks)
    {
        _options = options;
        _http = http;
        _ownsHttp = ownsHttp;
        _certificate = certificate;
        _local = local;
        _startTicks = startTicks;
    }

    /// <summary>The session resource (the Location of the 201).</summary>
    public Uri SessionUrl { get; private set; } = null!;

    /// <summary>The server's answer, parsed.</summary>
    public RemoteAnswer Answer { get; private set; } = null!;

    /// <summary>The answer's SDP text.</summary>
    public string AnswerSdp { get; private set; } = "";

    public WhepViewerCounters Counters { get; } = new();

    /// <summary>Complete frames in arrival order (empty and completed at once when the queue is off).</summary>
    public ChannelReader<ReceivedFrame> Frames { get; private set; } = null!;

    /// <summary>Our UDP socket's address.</summary>
    public IPEndPoint LocalEndPoint => _socket!.LocalEndPoint;

    /// <summary>The server's candidate we use.</summary>
    public IPEndPoint RemoteEndPoint => _socket!.Server;

    /// <summary>From ConnectAsync's start to the answer, to ICE success, to SRTP keys.</summary>
    public TimeSpan OfferAnswerDuration { get; private set; }
    public TimeSpan IceDuration { get; private set; }
    public TimeSpan ConnectDuration { get; private set; }

    /// <summary>The DTLS handshake alone.</summary>
    public TimeSpan DtlsDuration => _dtls?.HandshakeDuration ?? TimeSpan.Zero;

    /// <summary>The negotiated SRTP protection profile's name.</summary>
    public string SrtpProfileName => _dtls is null ? "" : DtlsSrtpProfile.GetName(_dtls.SrtpProfileId);

    /// <summary>From ConnectAsync's start to the first complete video frame; null before it.</summary>
    public TimeSpan? TimeToFirstVideoFrame =>
        _media is { FirstVideoFrameTicks: > 0 } m ? TimeSpan.FromTicks(Clock.TicksToNs(m.FirstVideoFrameTicks - _startTicks) / 100) : null;

    /// <summary>Whether the first complete video frame held an IDR slice (a viewer must start at a keyframe).</summary>
    public bool FirstVideoFrameWasKeyframe => _media?.FirstVideoFrameWasKeyframe ?? false;

    /// <summary>The server ended DTLS (close_notify or an alert): the session is over on its side.</summary>
    public bool ClosedByServer => _socket?.ClosedByServer ?? false;

    /// <summary>The HTTP status DELETE got at dispose (0 before, or when it could not be sent).</summary>
    public int DeleteStatus { get; private set; }

    /// <summary>An exception that stopped the receive thread, if any (a bug: tests assert it stays null).</summary>
    public Exception? ReceiveFailure => _socket?.Failure;

    /// <summary>Connects: offer/answer over HTTP, ICE, DTLS, SRTP. Throws <see cref="WhepConnectException"/> when refused or failed.</summary>
    public static async Task<WhepViewer> ConnectAsync(Uri whepUrl, WhepViewerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(whepUrl);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        long start = Clock.Ticks;
        HttpClient http = options.Http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var viewer = new WhepViewer(options, http, options.Http is null,
            options.Certificate ?? DtlsCertificate.Generate("VideoRelay WHEP viewer"), IceCredentials.Generate(), start);
        try
        {
            await viewer.OfferAsync(whepUrl, ct).ConfigureAwait(false);
            await viewer.EstablishAsync(ct).ConfigureAwait(false);
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OfferAsync(Uri whepUrl, CancellationToken ct)
    {
        string offer = WhepOfferBuilder.Build(_local.Ufrag, _local.Password, new SdpFingerprint(DtlsFingerprint.Sha256Algorithm, _certificate.Sha256.Span));
        using var content = new StringContent(offer, Encoding.UTF8, "application/sdp");
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/sdp");
        using HttpResponseMessage response = await _http.PostAsync(whepUrl, content, ct).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new WhepConnectException($"WHEP offer refused: {(int)response.StatusCode} {body.Trim()}", (int)response.StatusCode);
        }
        if (response.Headers.Location is not { } location)
        {
            throw new WhepConnectException("the WHEP answer has no Location header", 201);
        }
        SessionUrl = location.IsAbsoluteUri ? location : new Uri(whepUrl, location);
        AnswerSdp = body;
        try
        {
            Answer = RemoteAnswer.Parse(body);
        }
        catch (Exception e) when (e is SdpParseException or SdpNegotiationException)
        {
            throw new WhepConnectException($"unusable SDP answer: {e.Message}", 201, e);
        }
        OfferAnswerDuration = Elapsed();
    }

    private async Task EstablishAsync(CancellationToken ct)
    {
        RemoteAnswer answer = Answer;
        if (answer.Fingerprint.Algorithm != DtlsFingerprint.Sha256Algorithm || answer.Fingerprint.Bytes.Length != DtlsFingerprint.Sha256Length)
        {
            throw new WhepConnectException($"the answer's fingerprint is {answer.Fingerprint.Algorithm}; this viewer checks sha-256 only");
        }
        IPEndPoint server = await ChooseCandidateAsync(answer, ct).ConfigureAwait(false);
        _socket = new ViewerSocket(new IPEndPoint(IPAddress.Parse(_options.BindAddress), 0), server, Counters);
        _ice = new IceAgent(_local.Ufrag, answer.IceUfrag, answer.IcePwd, _options.ConsentInterval, Counters);
        _media = new MediaReceiver(_options, Counters, _socket, answer.PayloadTypeOf("0"), answer.PayloadTypeOf("1"));
        Frames = _media.Frames ?? CompletedFrames();
        _socket.Start(_ice, _media);

        _ice.StartNomination();
        try
        {
            await _ice.Nominated.WaitAsync(_options.IceTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            _ice.Fail(e);
            throw new WhepConnectException($"no ICE success response from {server} within {_options.IceTimeout.TotalMilliseconds:0} ms", e);
        }
        IceDuration = Elapsed();

        ViewerSocket socket = _socket;
        var channel = new DtlsDatagramChannel(d => socket.Send(d));
        _socket.AttachDtls(channel);
        try
        {
            _dtls = await DtlsSrtpEndpoint.ConnectAsync(_certificate, answer.Fingerprint.Bytes, channel, _options.DtlsTimeout, ct).ConfigureAwait(false);
        }
        catch (DtlsHandshakeException e)
        {
            throw new WhepConnectException($"DTLS failed: {e.Message}", e);
        }
        _socket.DtlsEstablished(_dtls);
        if (!SrtpSession.TryCreate(_dtls.KeyingMaterial, (SrtpProfile)_dtls.SrtpProfileId, DtlsSrtpRole.Client, out SrtpSession? srtp))
        {
            throw new WhepConnectException($"unsupported SRTP profile 0x{_dtls.SrtpProfileId:x4}");
        }
        _srtp = srtp;
        _media.SetSrtp(srtp);
        ConnectDuration = Elapsed();
    }

    private static async Task<IPEndPoint> ChooseCandidateAsync(RemoteAnswer answer, CancellationToken ct)
    {
        IceCandidate candidate = answer.Candidates.FirstOrDefault(c => c.Component == 1 && c.Transport.Equals("udp", StringComparison.OrdinalIgnoreCase))
            ?? throw new WhepConnectException("the answer has no UDP candidate");
        if (!IPAddress.TryParse(candidate.Address, out IPAddress? address))
        {
            IPAddress[] resolved = await Dns.GetHostAddressesAsync(candidate.Address, ct).ConfigureAwait(false);
            address = resolved.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? resolved.FirstOrDefault()
                ?? throw new WhepConnectException($"the candidate's host {candidate.Address} does not resolve");
        }
        return new IPEndPoint(address, candidate.Port);
    }

    private static ChannelReader<ReceivedFrame> CompletedFrames()
    {
        var channel = Channel.CreateBounded<ReceivedFrame>(1);
        channel.Writer.Complete();
        return channel.Reader;
    }

    private TimeSpan Elapsed() => TimeSpan.FromTicks(Clock.TicksToNs(Clock.Ticks - _startTicks) / 100);

    /// <summary>Reads frames until <paramref name="count"/> of <paramref name="kind"/> arrived (others are kept in order in the result too), or the timeout.</summary>
    public async Task<List<ReceivedFrame>> ReadFramesAsync(MediaKind kind, int count, TimeSpan timeout, CancellationToken ct = default)
    {
        var frames = new List<ReceivedFrame>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        int seen = 0;
        try
        {
            while (seen < count && await Frames.WaitToReadAsync(cts.Token).ConfigureAwait(false))
            {
                while (seen < count && Frames.TryRead(out ReceivedFrame frame))
                {
                    frames.Add(frame);
                    if (frame.Kind == kind)
                    {
                        seen++;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // timeout: return what came
        }
        return frames;
    }

    /// <summary>Sends DELETE to the session URL (once), then closes DTLS, the socket and the keys.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (SessionUrl is not null)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                using HttpResponseMessage response = await _http.DeleteAsync(SessionUrl, cts.Token).ConfigureAwait(false);
                DeleteStatus = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // the server is gone already
            }
        }
        _ice?.Fail(new ObjectDisposedException(nameof(WhepViewer)));
        try
        {
            _dtls?.Dispose(); // close_notify
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // the transport is already gone
        }
        _socket?.Dispose();
        _media?.Dispose();
        _srtp?.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
