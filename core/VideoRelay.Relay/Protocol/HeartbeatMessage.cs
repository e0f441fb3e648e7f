namespace VideoRelay.Relay.Protocol;

/// <summary>HEARTBEAT: the sender's Unix time in ns (both ways, every second; also a rough clock comparison).</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   sender Unix time (ns, 64 bits)              |
/// +                                                               +
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct HeartbeatMessage(long UnixNs) : IRelayMessage
{
    public const int Size = 8;

    public RelayMessageType Type => RelayMessageType.Heartbeat;

    public static bool TryRead(ReadOnlySpan<byte> source, out HeartbeatMessage message, out int consumed)
    {
        var r = new WireReader(source);
        if (source.Length != Size || !r.TryI64(out long ns))
        {
            message = default;
            consumed = 0;
            return false;
        }
        message = new HeartbeatMessage(ns);
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.I64(UnixNs);
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }
}
