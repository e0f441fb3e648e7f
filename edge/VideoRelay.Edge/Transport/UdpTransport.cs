using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace VideoRelay.Edge.Transport;

/// <summary>
/// The edge's single UDP socket: one receive thread hands every datagram to the handler; any thread may send.
/// Receive and send use <see cref="SocketAddress"/> overloads, so neither allocates per datagram.
/// </summary>
internal sealed class UdpTransport : IDisposable
{
    public const int MaxDatagram = 2048;

    private readonly Socket _socket;
    private readonly IDatagramHandler _handler;
    private readonly ILogger _log;
    private readonly Thread _receiver;
    private volatile bool _stopping;
    private long _received;
    private long _sent;
    private long _sendErrors;

    public UdpTransport(IPEndPoint bind, IDatagramHandler handler, ILogger log)
    {
        _handler = handler;
        _log = log;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.SendBufferSize = 4 << 20;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "edge-udp-rx" };
    }

    public IPEndPoint LocalEndPoint { get; }
    public long Received => Interlocked.Read(ref _received);
    public long Sent => Interlocked.Read(ref _sent);
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    public void Start() => _receiver.Start();

    public void Send(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, to);
            Interlocked.Increment(ref _sent);
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _sendErrors); // e.g. ICMP port unreachable reported on a later send
        }
        catch (ObjectDisposedException)
        {
            // shutting down
        }
    }

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateArray<byte>(MaxDatagram, pinned: true);
        var remote = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stopping)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, SocketFlags.None, remote);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (SocketException) when (_stopping)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _received);
            try
            {
                _handler.OnDatagram(buffer.AsSpan(0, n), remote);
            }
            catch (Exception e)
            {
                // A bug in handling one datagram must not take the port down for every viewer.
                Log.DatagramHandlerFailed(_log, e);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        if (_receiver.IsAlive)
        {
            _receiver.Join(TimeSpan.FromSeconds(2));
        }
    }
}
