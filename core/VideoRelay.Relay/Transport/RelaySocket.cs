using System.Net;
using System.Net.Sockets;
using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Transport;

/// <summary>
/// One relay TCP connection (TCP_NODELAY, blocking socket). Sends come from any thread under one lock (a message is
/// written whole); receives come from one thread, which reads a header, checks its length against the bound for its
/// type, and only then reads the body — control bodies into one reusable buffer, FRAME payloads straight into the
/// caller's pooled lease.
/// </summary>
internal sealed class RelaySocket : IDisposable
{
    /// <summary>Payloads up to this size are copied behind their header and sent in one call; larger ones go in two.</summary>
    private const int CoalesceLimit = 16 * 1024;

    private readonly Socket _socket;
    private readonly Lock _sendLock = new();
    private readonly byte[] _send = new byte[RelayMessageHeader.Size + RelayMessageHeader.MaxControlLength];
    private readonly byte[] _frameSend = new byte[RelayMessageHeader.Size + FrameHeader.Size + CoalesceLimit];
    private readonly byte[] _control = new byte[RelayMessageHeader.MaxControlLength];
    private readonly byte[] _head = new byte[Math.Max(FrameHeader.MaxSize, RelayMessageHeader.Size)];
    private readonly byte[] _skip = new byte[16 * 1024];
    private long _bytesSent;
    private long _bytesReceived;
    private int _disposed;

    public RelaySocket(Socket socket, int maxFrameLength, TimeSpan deadAfter)
    {
        _socket = socket;
        MaxFrameLength = maxFrameLength;
        Remote = socket.RemoteEndPoint;
        socket.NoDelay = true;
        socket.SendTimeout = (int)deadAfter.TotalMilliseconds;
        socket.ReceiveTimeout = (int)deadAfter.TotalMilliseconds;
    }

    public EndPoint? Remote { get; }
    public int MaxFrameLength { get; }
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Time after which a read with no byte at all fails (the handshake timeout, then the dead interval).</summary>
    public void SetReceiveTimeout(TimeSpan timeout) => _socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;

    /// <summary>Connects with a timeout (blocking connect would wait minutes for an unreachable host).</summary>
    public static Socket Connect(EndPoint endPoint, TimeSpan timeout)
    {
        AddressFamily family = endPoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : endPoint.AddressFamily;
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint is DnsEndPoint dns)
            {
                IPAddress address = Dns.GetHostAddresses(dns.Host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                    ?? throw new SocketException((int)SocketError.HostNotFound);
                endPoint = new IPEndPoint(address, dns.Port);
            }
            socket.Blocking = false;
            try
            {
                socket.Connect(endPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                if (!socket.Poll((int)Math.Min(int.MaxValue, timeout.TotalMicroseconds), SelectMode.SelectWrite))
                {
                    throw new SocketException((int)SocketError.TimedOut);
                }
                int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != 0)
                {
                    throw new SocketException(error);
                }
            }
            socket.Blocking = true;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // ------------------------------------------------------------------ send (any thread)

    /// <summary>Sends one control message whole. Throws (SocketException, ObjectDisposedException) when the connection is gone.</summary>
    public void Send<T>(in T message) where T : struct, IRelayMessage
    {
        lock (_sendLock)
        {
            if (!message.TryWrite(_send.AsSpan(RelayMessageHeader.Size), out int length))
            {
                throw new InvalidOperationException($"{message.Type} does not fit a relay message");
            }
            new RelayMessageHeader(message.Type, length).TryWrite(_send, out _);
            SendAll(_send.AsSpan(0, RelayMessageHeader.Size + length));
        }
    }

    /// <summary>Sends one FRAME: header, timing record and payload.</summary>
    public void SendFrame(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        lock (_sendLock)
        {
            Span<byte> buffer = _frameSend;
            header.TryWrite(buffer[RelayMessageHeader.Size..], out int headerLength);
            new RelayMessageHeader(RelayMessageType.Frame, headerLength + payload.Length).TryWrite(buffer, out _);
            int head = RelayMessageHeader.Size + headerLength;
            if (payload.Length <= CoalesceLimit)
            {
                payload.CopyTo(buffer[head..]);
                SendAll(buffer[..(head + payload.Length)]);
            }
            else
            {
                SendAll(buffer[..head]);
                SendAll(payload);
            }
        }
    }

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int n = _socket.Send(data, SocketFlags.None);
            data = data[n..];
            Interlocked.Add(ref _bytesSent, n);
        }
    }

    // ------------------------------------------------------------------ receive (one thread)

    /// <summary>Reads the next message header and checks its type and length bound before anything else is read.</summary>
    public RelayMessageHeader ReadHeader()
    {
        Span<byte> head = _head.AsSpan(0, RelayMessageHeader.Size);
        ReadExactly(head, atMessageBoundary: true);
        RelayMessageHeader.TryRead(head, out RelayMessageHeader header, out _);
        RelayErrorCode check = header.Validate(MaxFrameLength);
        if (check != RelayErrorCode.None)
        {
            throw new RelayProtocolException(check, check == RelayErrorCode.TooLarge
                ? $"{header.Type} message of {(uint)header.Length} bytes is above its bound"
                : $"unknown message type 0x{(byte)header.Type:x2}");
        }
        return header;
    }

    /// <summary>Reads a control message's body (bounded by <see cref="RelayMessageHeader.MaxControlLength"/>) into the reusable buffer.</summary>
    public ReadOnlySpan<byte> ReadControlBody(RelayMessageHeader header)
    {
        Span<byte> body = _control.AsSpan(0, header.Length);
        ReadExactly(body);
        return body;
    }

    /// <summary>Reads a FRAME's header and timing record; the payload (<paramref name="payloadLength"/> bytes) is left for the caller.</summary>
    public FrameHeader ReadFrameHeader(RelayMessageHeader header, out int payloadLength)
    {
        if (header.Length < FrameHeader.FixedSize)
        {
            throw new RelayProtocolException(RelayErrorCode.Protocol, $"FRAME body of {header.Length} bytes is shorter than its header");
        }
        ReadExactly(_head.AsSpan(0, FrameHeader.FixedSize));
        int headerLength = FrameHeader.GetHeaderLength(_head);
        if (headerLength < 0 || headerLength > header.Length)
        {
            throw new RelayProtocolException(RelayErrorCode.Protocol, "FRAME hop count out of bounds");
        }
        ReadExactly(_head.AsSpan(FrameHeader.FixedSize, headerLength - FrameHeader.FixedSize));
        if (!FrameHeader.TryRead(_head.AsSpan(0, headerLength), out FrameHeader frame, out _))
        {
            throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed FRAME header (codec or track)");
        }
        payloadLength = header.Length - headerLength;
        return frame;
    }

    /// <summary>
    /// Reads exactly <paramref name="destination"/>.Length bytes. The peer closing between messages throws
    /// <see cref="EndOfStreamException"/>; closing inside one is a truncated message (<see cref="RelayProtocolException"/>).
    /// </summary>
    public void ReadExactly(Span<byte> destination, bool atMessageBoundary = false)
    {
        int total = destination.Length;
        while (!destination.IsEmpty)
        {
            int n = _socket.Receive(destination, SocketFlags.None);
            if (n == 0)
            {
                if (atMessageBoundary && destination.Length == total)
                {
                    throw new EndOfStreamException("the peer closed the connection");
                }
                throw new RelayProtocolException(RelayErrorCode.Protocol, "the peer closed the connection inside a message (truncated)");
            }
            Interlocked.Add(ref _bytesReceived, n);
            destination = destination[n..];
        }
    }

    /// <summary>Reads and discards <paramref name="count"/> bytes (a payload nobody wants, or no lease for it).</summary>
    public void Skip(int count)
    {
        while (count > 0)
        {
            int n = Math.Min(count, _skip.Length);
            ReadExactly(_skip.AsSpan(0, n));
            count -= n;
        }
    }

    /// <summary>Sends ERROR or CLOSE, ignoring a connection that is already gone.</summary>
    public void TrySendError(RelayMessageType kind, uint channel, RelayErrorCode code, string text)
    {
        try
        {
            Send(new ErrorMessage(kind, channel, code, text));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // gone already
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // not connected
        }
        _socket.Dispose();
    }
}
