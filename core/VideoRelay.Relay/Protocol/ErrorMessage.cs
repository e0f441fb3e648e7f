using System.Text;

namespace VideoRelay.Relay.Protocol;

/// <summary>ERROR (channel ≠ 0: about that channel; 0: about the connection) and CLOSE (channel 0, code, reason).</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            channel                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             code              |  text length  | text (UTF-8,  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  ≤ 255 bytes) ...                                             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct ErrorMessage(RelayMessageType Kind, uint Channel, RelayErrorCode Code, string Text) : IRelayMessage
{
    public const int MaxTextBytes = 255;

    public RelayMessageType Type => Kind;

    public static bool TryRead(RelayMessageType kind, ReadOnlySpan<byte> source, out ErrorMessage message, out int consumed)
    {
        var r = new WireReader(source);
        if (!r.TryU32(out uint channel) || !r.TryU16(out ushort code) || !r.TryString8(MaxTextBytes, out string text))
        {
            message = default;
            consumed = 0;
            return false;
        }
        message = new ErrorMessage(kind, channel, (RelayErrorCode)code, text);
        consumed = r.Position;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.U32(Channel);
        w.U16((ushort)Code);
        w.String8(Truncate(Text), MaxTextBytes);
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }

    private static string Truncate(string text)
    {
        while (Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
        {
            text = text[..(text.Length * 3 / 4)];
        }
        return text;
    }
}
