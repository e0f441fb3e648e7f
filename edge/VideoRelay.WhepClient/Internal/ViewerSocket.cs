using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Dtls;
using VideoRelay.WebRtc.Ice;

namespace VideoRelay.WhepClient.Internal;

/// <summary>
/// The viewer's UDP socket, connected in spirit to the server's one candidate: a receive thread demultiplexes
/// each datagram and drives the timers (ICE retransmits and consent, NACK, PLI, receiver reports) between
/// datagrams, so ICE state and both SRTP contexts have a single user. Datagrams from any other address are
/// dropped and counted.
/// </summary>
/// <remarks>
/// RFC 7983 demultiplexing (first byte): [0..3] STUN → <see cref="IceAgent"/>; [20..63] DTLS → the handshake's
/// channel (after the handshake: alerts and close_notify); [128..191] RTP/RTCP → <see cref="MediaReceiver"/>;
/// anything else is counted and dropped.
/// </remarks>
internal sealed class ViewerSocket : IDisposable
{
    private const int MaxDatagram = 2048;
    private static readonly long TickTicks = Clock.Frequency / 1000; // timers run at most every millisecond

    private readonly Socket _socket;
    private readonly SocketAddress _server;
    private readonly WhepViewerCounters _counters;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private IceAgent? _ice;
    private MediaReceiver? _media;
    private volatile DtlsDatagramChannel? _dtls;
    private volatile DtlsSrtpResult? _dtlsResult;
    private int _dtlsProcessing;

    public ViewerSocket(IPEndPoint bind, IPEndPoint server, WhepViewerCounters counters)
    {
        _counters = counters;
        _socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.Bind(bind);
        _server = server.Serialize();
        Server = server;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Run) { IsBackground = true, Name = "whep-viewer-rx" };
    }

    public IPEndPoint LocalEndPoint { get; }
    public IPEndPoint Server { get; }

    /// <summary>Set when the server closed DTLS (close_notify or a fatal alert).</summary>
    public bool ClosedByServer
    {
        get => Volatile.Read(ref _closedByServer);
        private set => Volatile.Write(ref _closedByServer, value);
    }

    private bool _closedByServer;

    /// <summary>Send failures (ICMP unreachable surfaced on a send, socket closed).</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    private long _sendErrors;

    /// <summary>An exception that stopped the receive thread, if any.</summary>
    public Exception? Failure { get; private set; }

    public void Start(IceAgent ice, MediaReceiver media)
    {
        _ice = ice;
        _media = media;
        _thread.Start();
    }

    public void AttachDtls(DtlsDatagramChannel channel) => _dtls = channel;

    public void DtlsEstablished(DtlsSrtpResult result) => _dtlsResult = result;

    /// <summary>Any thread: one datagram to the server.</summary>
    public void Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, _server);
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _sendErrors);
        }
        catch (ObjectDisposedException)
        {
            // closing
        }
    }

    private void Run()
    {
        byte[] buffer = GC.AllocateArray<byte>(MaxDatagram, pinned: true);
        var from = new SocketAddress(_socket.AddressFamily);
        long lastTick = 0;
        try
        {
            while (!_stopping)
            {
                if (_socket.Available > 0 || _socket.Poll(1000, SelectMode.SelectRead))
                {
                    int n;
                    try
                    {
                        n = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                    }
                    catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                    {
                        continue;
                    }
                    Interlocked.Increment(ref _counters._datagrams);
                    if (from.Equals(_server))
                    {
                        Dispatch(buffer.AsSpan(0, n));
                    }
                    else
                    {
                        Interlocked.Increment(ref _counters._unknownDatagrams);
                    }
                }
                long now = Clock.Ticks;
                if (now - lastTick >= TickTicks)
                {
                    lastTick = now;
                    _ice!.Tick(now, this);
                    _media!.Tick(now);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // disposed while waiting
        }
        catch (SocketException) when (_stopping)
        {
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    private void Dispatch(Span<byte> datagram)
    {
        long now = Clock.Ticks;
        switch (DatagramClassifier.Classify(datagram))
        {
            case DatagramKind.Stun:
                _ice!.OnStun(datagram, now);
                break;
            case DatagramKind.Dtls:
                OnDtls(datagram);
                break;
            case DatagramKind.Rtp:
                _media!.OnRtp(datagram, now);
                break;
            case DatagramKind.Rtcp:
                _media!.OnRtcp(datagram, now);
                break;
            default:
                Interlocked.Increment(ref _counters._unknownDatagrams);
                break;
        }
    }

    private void OnDtls(ReadOnlySpan<byte> datagram)
    {
        Interlocked.Increment(ref _counters._dtlsDatagrams);
        if (_dtls is not { } channel || !channel.TryDeliver(datagram))
        {
            return;
        }
        if (_dtlsResult is { } established && Interlocked.Exchange(ref _dtlsProcessing, 1) == 0)
        {
            // After the handshake: a retransmitted flight, an alert or close_notify. BouncyCastle reads with a
            // (short) wait, so not on this thread.
            ThreadPool.UnsafeQueueUserWorkItem(static s =>
            {
                if (!s.result.ProcessIncoming())
                {
                    s.socket.ClosedByServer = true;
                }
                Volatile.Write(ref s.socket._dtlsProcessing, 0);
            }, (result: established, socket: this), preferLocal: false);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
        _socket.Dispose();
    }
}
