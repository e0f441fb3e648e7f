namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// Composes and splits the 14-bit STUN message type: 12 method bits interleaved with 2 class bits.
/// </summary>
/// <remarks>
/// <code>
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// (RFC 8489 §5, Figure 3.) Binding is method 0x001: request 0x0001, indication 0x0011,
/// success 0x0101, error 0x0111.
/// </remarks>
public static class StunMessageType
{
    /// <summary>The Binding method (RFC 8489 §18.2).</summary>
    public const ushort BindingMethod = 0x001;

    /// <summary>Binding request.</summary>
    public const ushort BindingRequest = 0x0001;

    /// <summary>Binding indication.</summary>
    public const ushort BindingIndication = 0x0011;

    /// <summary>Binding success response.</summary>
    public const ushort BindingSuccessResponse = 0x0101;

    /// <summary>Binding error response.</summary>
    public const ushort BindingErrorResponse = 0x0111;

    /// <summary>Builds a message type from a 12-bit method and a class.</summary>
    public static ushort Compose(ushort method, StunClass stunClass)
    {
        int m = method & 0xFFF;
        int c = (int)stunClass;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2)
            | ((c & 0x1) << 4) | ((c & 0x2) << 7));
    }

    /// <summary>The 12-bit method of a message type.</summary>
    public static ushort GetMethod(ushort messageType) =>
        (ushort)((messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2));

    /// <summary>The class of a message type.</summary>
    public static StunClass GetClass(ushort messageType) =>
        (StunClass)(((messageType >> 4) & 0x1) | ((messageType >> 7) & 0x2));
}
