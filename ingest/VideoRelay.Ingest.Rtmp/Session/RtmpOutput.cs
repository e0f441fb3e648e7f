using System.Buffers.Binary;
using System.Net.Sockets;
using VideoRelay.Ingest.Rtmp.Amf;
using VideoRelay.Ingest.Rtmp.Chunking;

namespace VideoRelay.Ingest.Rtmp.Session;

/// <summary>
/// What a connection sends: protocol control messages, user control events and AMF0 commands, chunked into
/// one send buffer that the connection flushes after each batch of input. Single writer (the connection's task);
/// buffers are allocated once per connection.
/// </summary>
internal sealed class RtmpOutput
{
    public const int ControlChunkStream = 2;
    public const int CommandChunkStream = 3;
    public const int StatusChunkStream = 5;

    private readonly byte[] _buffer;
    private readonly byte[] _amf = new byte[4096];
    private int _pending;

    public RtmpOutput(int chunkSize, int bufferSize = 16 * 1024)
    {
        ChunkSize = chunkSize;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Chunk size of what we send (changes when we announce one with Set Chunk Size).</summary>
    public int ChunkSize { get; private set; }

    public int Pending => _pending;

    /// <summary>Raw bytes (the handshake response goes here, before any chunking).</summary>
    public Span<byte> GetRawSpan(int length)
    {
        if (_buffer.Length - _pending < length)
        {
            throw new InvalidOperationException("RTMP output buffer overflow");
        }
        return _buffer.AsSpan(_pending, length);
    }

    public void AdvanceRaw(int length) => _pending += length;

    /// <summary>Set Chunk Size (type 1); takes effect for our following messages.</summary>
    public void WriteSetChunkSize(int size)
    {
        WriteUInt32Control(RtmpMessageType.SetChunkSize, (uint)size);
        ChunkSize = size;
    }

    public void WriteWindowAckSize(uint size) => WriteUInt32Control(RtmpMessageType.WindowAckSize, size);

    public void WriteAcknowledgement(uint sequenceNumber) => WriteUInt32Control(RtmpMessageType.Acknowledgement, sequenceNumber);

    /// <summary>Set Peer Bandwidth (type 6); limit type 2 = dynamic.</summary>
    public void WriteSetPeerBandwidth(uint size, byte limitType)
    {
        Span<byte> payload = stackalloc byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, size);
        payload[4] = limitType;
        WriteMessage(ControlChunkStream, RtmpMessageType.SetPeerBandwidth, 0, payload);
    }

    /// <summary>User Control event (type 4) with a 4-byte argument (StreamBegin, PingResponse…).</summary>
    public void WriteUserControl(ushort eventType, uint value)
    {
        Span<byte> payload = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(payload, eventType);
        BinaryPrimitives.WriteUInt32BigEndian(payload[2..], value);
        WriteMessage(ControlChunkStream, RtmpMessageType.UserControl, 0, payload);
    }

    /// <summary>A scratch writer for an AMF0 command body; finish with <see cref="WriteCommand"/>.</summary>
    public Amf0Writer BeginCommand() => new(_amf);

    /// <summary>Sends the AMF0 body built with <see cref="BeginCommand"/> as a command message (type 20).</summary>
    public void WriteCommand(int chunkStreamId, uint messageStreamId, in Amf0Writer body)
    {
        WriteMessage(chunkStreamId, RtmpMessageType.CommandAmf0, messageStreamId, _amf.AsSpan(0, body.Written));
    }

    public void WriteMessage(int chunkStreamId, RtmpMessageType type, uint messageStreamId, ReadOnlySpan<byte> payload)
    {
        if (!ChunkWriter.TryWrite(_buffer.AsSpan(_pending), chunkStreamId, type, 0, messageStreamId, payload, ChunkSize, out int written))
        {
            throw new InvalidOperationException("RTMP output buffer overflow");
        }
        _pending += written;
    }

    /// <summary>Sends everything pending.</summary>
    public async ValueTask FlushAsync(Socket socket, CancellationToken cancellationToken)
    {
        int sent = 0;
        while (sent < _pending)
        {
            sent += await socket.SendAsync(_buffer.AsMemory(sent, _pending - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        _pending = 0;
    }

    private void WriteUInt32Control(RtmpMessageType type, uint value)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        WriteMessage(ControlChunkStream, type, 0, payload);
    }
}
