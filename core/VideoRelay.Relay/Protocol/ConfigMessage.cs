using VideoRelay.Core.Media;

namespace VideoRelay.Relay.Protocol;

/// <summary>CONFIG: a track's new codec configuration; frames after it on that track use it.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            channel                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     track     |  CodecConfig ...                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// track: rendition id (0–7), or 255 for the audio.
/// </code>
/// </remarks>
internal readonly record struct ConfigMessage(uint Channel, byte Track, CodecConfig Config) : IRelayMessage
{
    public RelayMessageType Type => RelayMessageType.Config;

    public static bool TryRead(ReadOnlySpan<byte> source, out ConfigMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        var r = new WireReader(source);
        if (!r.TryU32(out uint channel) || !r.TryU8(out byte track) || !RelayTrack.IsValid(track) ||
            !CodecConfigWire.TryRead(ref r, out CodecConfig config))
        {
            return false;
        }
        message = new ConfigMessage(channel, track, config);
        consumed = r.Position;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.U32(Channel);
        w.U8(Track);
        CodecConfigWire.Write(ref w, Config);
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }
}
