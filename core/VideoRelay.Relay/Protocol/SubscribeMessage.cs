namespace VideoRelay.Relay.Protocol;

/// <summary>SUBSCRIBE: the edge opens a channel on a stream, for every rendition (count 0) or the listed ones.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  channel (chosen by the edge, ≠ 0)            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  name length  |  stream name (UTF-8, ≤ 64 bytes) ...          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | rendition cnt |  rendition ids (u8 each, &lt; 8) ...  (0 = all) |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Audio always comes with a subscription.
/// </remarks>
internal readonly record struct SubscribeMessage(uint Channel, string StreamName, byte[] Renditions) : IRelayMessage
{
    public const int MaxNameBytes = 64;
    public const int MaxRenditions = 8;

    public RelayMessageType Type => RelayMessageType.Subscribe;

    public bool AllRenditions => Renditions.Length == 0;

    public static bool TryRead(ReadOnlySpan<byte> source, out SubscribeMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        var r = new WireReader(source);
        if (!r.TryU32(out uint channel) || channel == 0 || !r.TryString8(MaxNameBytes, out string name) || name.Length == 0 ||
            !r.TryU8(out byte count) || count > MaxRenditions || !r.TryBytes(count, out ReadOnlySpan<byte> ids))
        {
            return false;
        }
        foreach (byte id in ids)
        {
            if (id >= MaxRenditions)
            {
                return false;
            }
        }
        message = new SubscribeMessage(channel, name, ids.ToArray());
        consumed = r.Position;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.U32(Channel);
        w.String8(StreamName, MaxNameBytes);
        if (Renditions.Length > MaxRenditions)
        {
            written = 0;
            return false;
        }
        w.U8((byte)Renditions.Length);
        w.Bytes(Renditions);
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }
}
