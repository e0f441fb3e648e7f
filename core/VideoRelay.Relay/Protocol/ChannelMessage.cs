namespace VideoRelay.Relay.Protocol;

/// <summary>KEYFRAME_REQUEST, UNSUBSCRIBE and STREAM_END: a channel and a track (rendition id, or 255 = none/audio).</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            channel                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     track     |
/// +-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct ChannelMessage(RelayMessageType Kind, uint Channel, byte Track) : IRelayMessage
{
    public const int Size = 5;

    public RelayMessageType Type => Kind;

    public static bool TryRead(RelayMessageType kind, ReadOnlySpan<byte> source, out ChannelMessage message, out int consumed)
    {
        var r = new WireReader(source);
        if (source.Length != Size || !r.TryU32(out uint channel) || !r.TryU8(out byte track) || !RelayTrack.IsValid(track))
        {
            message = default;
            consumed = 0;
            return false;
        }
        message = new ChannelMessage(kind, channel, track);
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.U32(Channel);
        w.U8(Track);
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }
}
