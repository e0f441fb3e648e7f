namespace VideoRelay.Relay.Protocol;

/// <summary>HELLO: the first message each way. Its nonce is the challenge the peer's AUTH proof covers.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      'V'      |      'R'      |      'L'      |      'Y'      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    version    |   reserved    |    capabilities (32 bits) ... |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  ...          |                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
/// |                      nonce (32 bytes, random)                 |
/// |                                               +-+-+-+-+-+-+-+-+
/// |                                               |  name length  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          node name (UTF-8, ≤ 64 bytes) ...                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct HelloMessage(byte Version, uint Capabilities, byte[] Nonce, string NodeName) : IRelayMessage
{
    public const byte CurrentVersion = 1;
    public const int NonceSize = 32;
    public const int MaxNameBytes = 64;

    /// <summary>Capability bit: frames carry the full timing record.</summary>
    public const uint CapabilityTiming = 1;

    public static ReadOnlySpan<byte> Magic => "VRLY"u8;

    public RelayMessageType Type => RelayMessageType.Hello;

    public static bool TryRead(ReadOnlySpan<byte> source, out HelloMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        var r = new WireReader(source);
        if (!r.TryBytes(4, out ReadOnlySpan<byte> magic) || !magic.SequenceEqual(Magic) ||
            !r.TryU8(out byte version) || !r.TryU8(out _) || !r.TryU32(out uint caps) ||
            !r.TryBytes(NonceSize, out ReadOnlySpan<byte> nonce) || !r.TryString8(MaxNameBytes, out string name))
        {
            return false;
        }
        message = new HelloMessage(version, caps, nonce.ToArray(), name);
        consumed = r.Position;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        var w = new WireWriter(destination);
        w.Bytes(Magic);
        w.U8(Version);
        w.U8(0);
        w.U32(Capabilities);
        if (Nonce is not { Length: NonceSize })
        {
            written = 0;
            return false;
        }
        w.Bytes(Nonce);
        w.String8(NodeName, MaxNameBytes);
        written = w.Ok ? w.Position : 0;
        return w.Ok;
    }
}
