using System.Buffers.Binary;

namespace VideoRelay.Ingest.Rtmp.Chunking;

/// <summary>
/// Splits one message into chunks (a type 0 header, then type 3 headers) into a caller-given span.
/// See <see cref="ChunkReader"/> for the header layout.
/// </summary>
internal static class ChunkWriter
{
    /// <summary>Bytes <see cref="TryWrite"/> needs for a message.</summary>
    public static int GetSerializedSize(int chunkStreamId, uint timestamp, int payloadLength, int chunkSize)
    {
        int basic = BasicHeaderSize(chunkStreamId);
        int ext = timestamp >= 0xFFFFFF ? 4 : 0;
        int chunks = Math.Max(1, (payloadLength + chunkSize - 1) / chunkSize);
        return basic + 11 + ext + (chunks - 1) * (basic + ext) + payloadLength;
    }

    /// <summary>Writes the message, or returns false (writing nothing useful) when it does not fit.</summary>
    public static bool TryWrite(
        Span<byte> dst,
        int chunkStreamId,
        RtmpMessageType type,
        uint timestamp,
        uint messageStreamId,
        ReadOnlySpan<byte> payload,
        int chunkSize,
        out int written)
    {
        written = 0;
        if (chunkStreamId < 2 || chunkStreamId > 65599 || chunkSize < 1 || payload.Length > 0xFFFFFF
            || dst.Length < GetSerializedSize(chunkStreamId, timestamp, payload.Length, chunkSize))
        {
            return false;
        }
        bool extended = timestamp >= 0xFFFFFF;
        int pos = WriteBasicHeader(dst, 0, chunkStreamId);
        WriteUInt24(dst[pos..], extended ? 0xFFFFFF : timestamp);
        WriteUInt24(dst[(pos + 3)..], (uint)payload.Length);
        dst[pos + 6] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(dst.Slice(pos + 7, 4), messageStreamId);
        pos += 11;
        int sent = 0;
        while (true)
        {
            if (extended)
            {
                BinaryPrimitives.WriteUInt32BigEndian(dst.Slice(pos, 4), timestamp);
                pos += 4;
            }
            int take = Math.Min(chunkSize, payload.Length - sent);
            payload.Slice(sent, take).CopyTo(dst[pos..]);
            pos += take;
            sent += take;
            if (sent >= payload.Length)
            {
                break;
            }
            pos += WriteBasicHeader(dst[pos..], 3, chunkStreamId);
        }
        written = pos;
        return true;
    }

    private static int BasicHeaderSize(int chunkStreamId) => chunkStreamId < 64 ? 1 : chunkStreamId < 320 ? 2 : 3;

    private static int WriteBasicHeader(Span<byte> dst, int fmt, int chunkStreamId)
    {
        if (chunkStreamId < 64)
        {
            dst[0] = (byte)(fmt << 6 | chunkStreamId);
            return 1;
        }
        int id = chunkStreamId - 64;
        if (id < 256)
        {
            dst[0] = (byte)(fmt << 6);
            dst[1] = (byte)id;
            return 2;
        }
        dst[0] = (byte)(fmt << 6 | 1);
        dst[1] = (byte)(id & 0xFF);
        dst[2] = (byte)(id >> 8);
        return 3;
    }

    private static void WriteUInt24(Span<byte> dst, uint value)
    {
        dst[0] = (byte)(value >> 16);
        dst[1] = (byte)(value >> 8);
        dst[2] = (byte)value;
    }
}
