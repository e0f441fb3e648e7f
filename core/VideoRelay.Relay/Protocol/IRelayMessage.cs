namespace VideoRelay.Relay.Protocol;

/// <summary>A control message body that knows its type and writes itself (generic sends, no boxing).</summary>
internal interface IRelayMessage
{
    RelayMessageType Type { get; }

    bool TryWrite(Span<byte> destination, out int written);
}
