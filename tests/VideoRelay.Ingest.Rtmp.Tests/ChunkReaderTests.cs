using VideoRelay.Core.Buffers;
using VideoRelay.Ingest.Rtmp.Chunking;

namespace VideoRelay.Ingest.Rtmp.Tests;

public sealed class ChunkReaderTests : IDisposable
{
    private readonly TieredBufferPool _pool = new("chunks", diagnostic: true, (2 * 1024, 16), (64 * 1024, 8));
    private readonly ChunkReader _reader;

    public ChunkReaderTests() => _reader = new ChunkReader(_pool, maxMessageLength: 64 * 1024);

    public void Dispose()
    {
        _reader.Dispose();
        _pool.Dispose(); // fails when a lease leaked
    }

    [Fact]
    public void Message_split_into_128_byte_chunks_is_reassembled()
    {
        byte[] payload = Pattern(300);
        // Hand-built: type 0 header on cs 4, then two type 3 continuation chunks.
        byte[] stream =
        [
            0x04, 0x00, 0x03, 0xE8, 0x00, 0x01, 0x2C, 0x09, 0x01, 0x00, 0x00, 0x00, .. payload[..128],
            0xC4, .. payload[128..256],
            0xC4, .. payload[256..],
        ];
        List<Msg> messages = ReadAll(stream);
        Msg m = Assert.Single(messages);
        Assert.Equal(RtmpMessageType.Video, m.Type);
        Assert.Equal(4, m.ChunkStreamId);
        Assert.Equal(1u, m.StreamId);
        Assert.Equal(1000u, m.Timestamp);
        Assert.Equal(payload, m.Payload);
    }

    [Fact]
    public void Byte_by_byte_feeding_gives_the_same_messages()
    {
        byte[] stream = Concat(
            Chunk(4, RtmpMessageType.Audio, 0, 1, Pattern(10)),
            Chunk(6, RtmpMessageType.Video, 40, 1, Pattern(500)),
            Chunk(3, RtmpMessageType.CommandAmf0, 0, 0, Pattern(0)));
        List<Msg> whole = ReadAll(stream);
        using var pool = new TieredBufferPool("bytes", true, (64 * 1024, 8));
        using var reader = new ChunkReader(pool, 64 * 1024);
        var pieces = new List<Msg>();
        var pending = new List<byte>();
        foreach (byte b in stream)
        {
            pending.Add(b);
            byte[] input = [.. pending];
            int offset = 0;
            while (true)
            {
                ChunkReadStatus status = reader.Read(input.AsSpan(offset), 0, out int consumed, out RtmpMessage message);
                offset += consumed;
                if (status != ChunkReadStatus.Message)
                {
                    Assert.Equal(ChunkReadStatus.NeedMoreData, status);
                    break;
                }
                pieces.Add(Msg.From(ref message));
            }
            pending.RemoveRange(0, offset);
        }
        Assert.Equal(3, pieces.Count);
        Assert.Equal(whole.Select(m => m.Payload.Length), pieces.Select(m => m.Payload.Length));
        Assert.Equal(whole[1].Payload, pieces[1].Payload);
        Assert.Empty(pieces[2].Payload);
    }

    [Fact]
    public void Interleaved_chunk_streams_reassemble_independently()
    {
        byte[] video = Pattern(300, seed: 1);
        byte[] audio = Pattern(200, seed: 2);
        byte[] stream =
        [
            0x06, 0, 0, 0, 0x00, 0x01, 0x2C, 0x09, 1, 0, 0, 0, .. video[..128],
            0x04, 0, 0, 0, 0x00, 0x00, 0xC8, 0x08, 1, 0, 0, 0, .. audio[..128],
            0xC6, .. video[128..256],
            0xC4, .. audio[128..],
            0xC6, .. video[256..],
        ];
        List<Msg> messages = ReadAll(stream);
        Assert.Equal(2, messages.Count);
        Assert.Equal(RtmpMessageType.Audio, messages[0].Type); // completed first
        Assert.Equal(audio, messages[0].Payload);
        Assert.Equal(RtmpMessageType.Video, messages[1].Type);
        Assert.Equal(video, messages[1].Payload);
    }

    [Fact]
    public void Chunk_size_change_applies_to_the_chunks_after_it()
    {
        byte[] big = Pattern(5000);
        byte[] first = Chunk(4, RtmpMessageType.Video, 0, 1, Pattern(200), chunkSize: 128);
        byte[] setChunkSize = Chunk(2, RtmpMessageType.SetChunkSize, 0, 0, [0, 0, 0x10, 0], chunkSize: 128);
        byte[] second = Chunk(4, RtmpMessageType.Video, 33, 1, big, chunkSize: 4096);
        byte[] stream = Concat(first, setChunkSize, second);

        var messages = new List<Msg>();
        int offset = 0;
        while (true)
        {
            ChunkReadStatus status = _reader.Read(stream.AsSpan(offset), 0, out int consumed, out RtmpMessage message);
            offset += consumed;
            if (status != ChunkReadStatus.Message)
            {
                break;
            }
            Msg m = Msg.From(ref message);
            if (m.Type == RtmpMessageType.SetChunkSize)
            {
                _reader.SetChunkSize(4096); // what the connection does
            }
            messages.Add(m);
        }
        Assert.Equal(stream.Length, offset);
        Assert.Equal(3, messages.Count);
        Assert.Equal(big, messages[2].Payload);
        Assert.Equal(33u, messages[2].Timestamp);
    }

    [Fact]
    public void Header_types_1_2_3_apply_timestamp_deltas()
    {
        byte[] stream =
        [
            0x04, 0x00, 0x03, 0xE8, 0x00, 0x00, 0x02, 0x08, 0x01, 0x00, 0x00, 0x00, 0xA1, 0xA2, // type 0, ts 1000
            0x44, 0x00, 0x00, 0x17, 0x00, 0x00, 0x03, 0x08, 0xB1, 0xB2, 0xB3, // type 1, +23, length 3
            0x84, 0x00, 0x00, 0x15, 0xC1, 0xC2, 0xC3, // type 2, +21, same length
            0xC4, 0xD1, 0xD2, 0xD3, // type 3: a new message, the same delta again
        ];
        List<Msg> messages = ReadAll(stream);
        Assert.Equal([1000u, 1023u, 1044u, 1065u], messages.Select(m => m.Timestamp));
        Assert.Equal([0xD1, 0xD2, 0xD3], messages[3].Payload);
        Assert.All(messages, m => Assert.Equal(1u, m.StreamId));
    }

    [Fact]
    public void Extended_timestamp_is_read_on_the_first_chunk_and_on_continuations()
    {
        byte[] payload = Pattern(200);
        byte[] stream =
        [
            0x04, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0xC8, 0x09, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, .. payload[..128],
            0xC4, 0x01, 0x02, 0x03, 0x04, .. payload[128..],
        ];
        Msg m = Assert.Single(ReadAll(stream));
        Assert.Equal(0x01020304u, m.Timestamp);
        Assert.Equal(payload, m.Payload);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(65599)]
    public void Writer_and_reader_agree_on_two_and_three_byte_basic_headers_and_extended_timestamps(int chunkStreamId)
    {
        byte[] payload = Pattern(700);
        byte[] stream = Chunk(chunkStreamId, RtmpMessageType.Video, 0x12345678, 7, payload);
        Msg m = Assert.Single(ReadAll(stream));
        Assert.Equal(chunkStreamId, m.ChunkStreamId);
        Assert.Equal(0x12345678u, m.Timestamp);
        Assert.Equal(7u, m.StreamId);
        Assert.Equal(payload, m.Payload);
    }

    [Fact]
    public void Abort_drops_the_partial_message_and_frees_its_buffer()
    {
        byte[] partial = Chunk(4, RtmpMessageType.Video, 0, 1, Pattern(300))[..(12 + 128)];
        Assert.Equal(ChunkReadStatus.NeedMoreData, _reader.Read(partial, 0, out int consumed, out _));
        Assert.Equal(partial.Length, consumed);
        Assert.True(_reader.HasPartialMessage);
        _reader.Abort(4);
        Assert.False(_reader.HasPartialMessage);
        Assert.Equal(0, _pool.Tiers.Sum(t => t.Outstanding));
        Msg m = Assert.Single(ReadAll(Chunk(4, RtmpMessageType.Video, 0, 1, Pattern(50))));
        Assert.Equal(50, m.Payload.Length);
    }

    [Fact]
    public void First_header_of_a_chunk_stream_must_be_type_0()
    {
        Assert.Equal(ChunkReadStatus.Error, _reader.Read([0x44, 0, 0, 0, 0, 0, 1, 8, 0], 0, out _, out _));
        Assert.Equal(RtmpCloseReason.ProtocolError, _reader.ErrorReason);
    }

    [Fact]
    public void New_header_inside_a_message_is_a_protocol_error()
    {
        byte[] partial = Chunk(4, RtmpMessageType.Video, 0, 1, Pattern(300))[..(12 + 128)];
        byte[] stream = [.. partial, .. Chunk(4, RtmpMessageType.Video, 0, 1, Pattern(10))];
        Assert.Equal(ChunkReadStatus.Error, _reader.Read(stream, 0, out _, out _));
        Assert.Equal(RtmpCloseReason.ProtocolError, _reader.ErrorReason);
    }

    [Fact]
    public void Message_length_over_the_limit_is_refused_before_any_allocation()
    {
        byte[] header = [0x04, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x09, 1, 0, 0, 0];
        Assert.Equal(ChunkReadStatus.Error, _reader.Read(header, 0, out _, out _));
        Assert.Equal(RtmpCloseReason.Oversize, _reader.ErrorReason);
        Assert.Equal(0, _pool.Tiers.Sum(t => t.Rented));
    }

    [Fact]
    public void Partial_messages_are_bounded_in_total()
    {
        using var pool = new TieredBufferPool("bound", true, (64 * 1024, 8));
        using var reader = new ChunkReader(pool, maxMessageLength: 60_000, maxChunkStreams: 32, maxAssemblyBytes: 100_000);
        byte[] a = Chunk(4, RtmpMessageType.Video, 0, 1, Pattern(60_000))[..140];
        byte[] b = Chunk(5, RtmpMessageType.Video, 0, 1, Pattern(60_000))[..140];
        Assert.Equal(ChunkReadStatus.NeedMoreData, reader.Read(a, 0, out _, out _));
        Assert.Equal(ChunkReadStatus.Error, reader.Read(b, 0, out _, out _));
        Assert.Equal(RtmpCloseReason.Oversize, reader.ErrorReason);
    }

    [Fact]
    public void Too_many_chunk_streams_is_a_protocol_error()
    {
        using var pool = new TieredBufferPool("streams", true, (2 * 1024, 8));
        using var reader = new ChunkReader(pool, 1024, maxChunkStreams: 4);
        for (int csid = 2; csid < 6; csid++)
        {
            Assert.Equal(ChunkReadStatus.Message, reader.Read(Chunk(csid, RtmpMessageType.Audio, 0, 1, []), 0, out _, out _));
        }
        Assert.Equal(ChunkReadStatus.Error, reader.Read(Chunk(6, RtmpMessageType.Audio, 0, 1, []), 0, out _, out _));
    }

    [Fact]
    public void Completed_message_carries_the_receive_stamp_of_its_last_bytes()
    {
        byte[] stream = Chunk(4, RtmpMessageType.Audio, 0, 1, Pattern(200));
        Assert.Equal(ChunkReadStatus.NeedMoreData, _reader.Read(stream.AsSpan(0, 100), 111, out int consumed, out _));
        Assert.Equal(ChunkReadStatus.Message, _reader.Read(stream.AsSpan(consumed), 222, out _, out RtmpMessage message));
        Assert.Equal(222, message.ReceivedUnixNs);
        message.Release();
    }

    private List<Msg> ReadAll(byte[] stream)
    {
        var messages = new List<Msg>();
        int offset = 0;
        while (true)
        {
            ChunkReadStatus status = _reader.Read(stream.AsSpan(offset), 0, out int consumed, out RtmpMessage message);
            offset += consumed;
            if (status == ChunkReadStatus.Message)
            {
                messages.Add(Msg.From(ref message));
                continue;
            }
            Assert.Equal(ChunkReadStatus.NeedMoreData, status);
            Assert.Equal(stream.Length, offset);
            return messages;
        }
    }

    private static byte[] Chunk(int csid, RtmpMessageType type, uint timestamp, uint streamId, byte[] payload, int chunkSize = 128)
    {
        var buffer = new byte[ChunkWriter.GetSerializedSize(csid, timestamp, payload.Length, chunkSize)];
        Assert.True(ChunkWriter.TryWrite(buffer, csid, type, timestamp, streamId, payload, chunkSize, out int written));
        Assert.Equal(buffer.Length, written);
        return buffer;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Pattern(int length, int seed = 0) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    private sealed record Msg(RtmpMessageType Type, int ChunkStreamId, uint StreamId, uint Timestamp, byte[] Payload)
    {
        public static Msg From(ref RtmpMessage message)
        {
            var m = new Msg(message.Type, message.ChunkStreamId, message.MessageStreamId, message.Timestamp, message.Payload.ToArray());
            message.Release();
            return m;
        }
    }
}
