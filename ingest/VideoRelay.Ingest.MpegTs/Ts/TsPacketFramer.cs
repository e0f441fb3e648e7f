namespace VideoRelay.Ingest.MpegTs.Ts;

/// <summary>
/// Cuts arbitrary chunks of bytes into 188-byte TS packets: packets that lie whole inside a chunk are
/// returned in place (no copy); only a packet split across chunks is gathered in a 188-byte carry buffer.
/// Resynchronises on the 0x47 sync byte after garbage (a candidate is confirmed by the next sync byte
/// when the chunk holds it).
/// </summary>
internal sealed class TsPacketFramer
{
    private const int Size = TsPacketHeader.PacketSize;
    private readonly byte[] _carry = new byte[Size];
    private int _carryLength;

    /// <summary>Bytes skipped while hunting for sync.</summary>
    public long BytesSkipped { get; private set; }

    /// <summary>Times the sync byte was lost and searched for again.</summary>
    public long SyncLosses { get; private set; }

    /// <summary>Takes the next packet from <paramref name="chunk"/>, advancing it; false when more bytes are needed.</summary>
    public bool TryNext(ref ReadOnlySpan<byte> chunk, out ReadOnlySpan<byte> packet)
    {
        if (_carryLength > 0)
        {
            int take = Math.Min(Size - _carryLength, chunk.Length);
            chunk[..take].CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += take;
            chunk = chunk[take..];
            if (_carryLength < Size)
            {
                packet = default;
                return false;
            }
            _carryLength = 0;
            packet = _carry;
            return true;
        }
        while (!chunk.IsEmpty)
        {
            if (chunk[0] != TsPacketHeader.SyncByte || (chunk.Length > Size && chunk[Size] != TsPacketHeader.SyncByte))
            {
                Skip(ref chunk);
                continue;
            }
            if (chunk.Length < Size)
            {
                chunk.CopyTo(_carry);
                _carryLength = chunk.Length;
                chunk = default;
                packet = default;
                return false;
            }
            packet = chunk[..Size];
            chunk = chunk[Size..];
            return true;
        }
        packet = default;
        return false;
    }

    /// <summary>Drops a partial packet (end of stream).</summary>
    public void Reset() => _carryLength = 0;

    private void Skip(ref ReadOnlySpan<byte> chunk)
    {
        SyncLosses++;
        int next = chunk[1..].IndexOf(TsPacketHeader.SyncByte);
        int skip = next < 0 ? chunk.Length : next + 1;
        BytesSkipped += skip;
        chunk = chunk[skip..];
    }
}
