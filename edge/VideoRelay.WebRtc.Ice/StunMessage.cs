using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// A parsed STUN message: a view over the caller's bytes plus an index of the attributes ICE uses.
/// Parsing allocates nothing; only <see cref="GetUsername"/> and <see cref="TryGetXorMappedAddress(out IPEndPoint?)"/>
/// produce objects.
/// </summary>
/// <remarks>
/// Attributes follow the header as TLVs padded to 4 bytes (RFC 8489 §14):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Value (variable)                ....
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Bounds enforced: header length a multiple of 4 and inside the input; every attribute (with padding)
/// inside the message; fixed-size attributes at their size; USERNAME ≤ 512 bytes; ERROR-CODE reason
/// ≤ 763 bytes; at most <see cref="MaxAttributes"/> attributes; nothing after FINGERPRINT. Attributes
/// after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (RFC 8489 §14.5). Unknown
/// comprehension-required attributes are counted (for a 420 answer), unknown optional ones skipped.
/// </remarks>
public readonly ref struct StunMessage
{
    /// <summary>Upper bound on attributes walked in one message.</summary>
    public const int MaxAttributes = 64;

    /// <summary>Upper bound on a USERNAME value (RFC 8489 allows fewer than 509 bytes; we allow a little slack).</summary>
    public const int MaxUsernameLength = 512;

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly StunAttributeIndex _index;

    private StunMessage(ReadOnlySpan<byte> buffer, StunHeader header, scoped in StunAttributeIndex index)
    {
        _buffer = buffer;
        Header = header;
        _index = index;
    }

    /// <summary>The parsed header.</summary>
    public StunHeader Header { get; }

    /// <summary>The whole message (header + attributes), exactly as long as the header says.</summary>
    public ReadOnlySpan<byte> Buffer => _buffer;

    /// <summary>Message type (method + class).</summary>
    public ushort MessageType => Header.MessageType;

    /// <summary>The class of the message.</summary>
    public StunClass Class => Header.Class;

    /// <summary>The method of the message.</summary>
    public ushort Method => Header.Method;

    /// <summary>The transaction id.</summary>
    public StunTransactionId TransactionId => Header.TransactionId;

    /// <summary>Number of attributes walked.</summary>
    public int AttributeCount => _index.AttributeCount;

    /// <summary>True when USERNAME is present.</summary>
    public bool HasUsername => _index.UsernameOffset >= 0;

    /// <summary>The USERNAME value bytes (empty when absent).</summary>
    public ReadOnlySpan<byte> UsernameBytes =>
        _index.UsernameOffset >= 0 ? _buffer.Slice(_index.UsernameOffset, _index.UsernameLength) : default;

    /// <summary>True when MESSAGE-INTEGRITY is present.</summary>
    public bool HasMessageIntegrity => _index.IntegrityOffset >= 0;

    /// <summary>True when FINGERPRINT is present (it is then the last attribute).</summary>
    public bool HasFingerprint => _index.FingerprintOffset >= 0;

    /// <summary>True when PRIORITY is present.</summary>
    public bool HasPriority => _index.HasPriority;

    /// <summary>PRIORITY value (0 when absent).</summary>
    public uint Priority => _index.Priority;

    /// <summary>True when USE-CANDIDATE is present.</summary>
    public bool UseCandidate => _index.UseCandidate;

    /// <summary>True when ICE-CONTROLLING is present.</summary>
    public bool HasIceControlling => _index.HasIceControlling;

    /// <summary>ICE-CONTROLLING tie-breaker (0 when absent).</summary>
    public ulong IceControllingTieBreaker => _index.IceControlling;

    /// <summary>True when ICE-CONTROLLED is present.</summary>
    public bool HasIceControlled => _index.HasIceControlled;

    /// <summary>ICE-CONTROLLED tie-breaker (0 when absent).</summary>
    public ulong IceControlledTieBreaker => _index.IceControlled;

    /// <summary>True when XOR-MAPPED-ADDRESS is present.</summary>
    public bool HasXorMappedAddress => _index.XorMappedOffset >= 0;

    /// <summary>True when ERROR-CODE is present.</summary>
    public bool HasErrorCode => _index.ErrorCodeOffset >= 0;

    /// <summary>The SOFTWARE value bytes (empty when absent).</summary>
    public ReadOnlySpan<byte> SoftwareBytes =>
        _index.SoftwareOffset >= 0 ? _buffer.Slice(_index.SoftwareOffset, _index.SoftwareLength) : default;

    /// <summary>How many comprehension-required attributes this parser does not know.</summary>
    public int UnknownComprehensionRequiredCount => _index.UnknownRequiredCount;

    /// <summary>The i-th unknown comprehension-required type (only the first 4 are kept).</summary>
    public ushort GetUnknownComprehensionRequired(int i) => _index.GetUnknown(i);

    /// <summary>Parses one STUN message from the start of <paramref name="source"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out StunMessage message, out int consumed) =>
        TryRead(source, out message, out consumed, out _);

    /// <summary>Parses one STUN message; <paramref name="error"/> says why not.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out StunMessage message, out int consumed, out StunParseError error)
    {
        message = default;
        consumed = 0;
        if (!StunHeader.LooksLikeStun(source))
        {
            error = StunParseError.NotStun;
            return false;
        }
        if (!StunHeader.TryRead(source, out StunHeader header, out _))
        {
            error = StunParseError.LengthNotMultipleOfFour;
            return false;
        }
        int total = StunHeader.Size + header.MessageLength;
        if (total > source.Length)
        {
            error = StunParseError.Truncated;
            return false;
        }
        ReadOnlySpan<byte> buffer = source[..total];
        StunAttributeIndex index = StunAttributeIndex.Empty;
        error = Walk(buffer, ref index);
        if (error != StunParseError.None)
        {
            return false;
        }
        message = new StunMessage(buffer, header, index);
        consumed = total;
        return true;
    }

    private static StunParseError Walk(ReadOnlySpan<byte> buffer, ref StunAttributeIndex index)
    {
        int pos = StunHeader.Size;
        while (pos < buffer.Length)
        {
            if (index.FingerprintOffset >= 0)
            {
                return StunParseError.AttributeAfterFingerprint;
            }
            if (buffer.Length - pos < 4)
            {
                return StunParseError.AttributeTruncated;
            }
            if (++index.AttributeCount > MaxAttributes)
            {
                return StunParseError.TooManyAttributes;
            }
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(buffer[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(buffer[(pos + 2)..]);
            int valueOffset = pos + 4;
            int padded = (length + 3) & ~3;
            if (padded > buffer.Length - valueOffset)
            {
                return StunParseError.AttributeTruncated;
            }
            ReadOnlySpan<byte> value = buffer.Slice(valueOffset, length);
            bool afterIntegrity = index.IntegrityOffset >= 0;
            if (type == StunAttributeType.Fingerprint)
            {
                if (length != 4)
                {
                    return StunParseError.AttributeBadLength;
                }
                index.FingerprintOffset = pos;
            }
            else if (!afterIntegrity)
            {
                StunParseError e = Record(type, value, valueOffset, pos, ref index);
                if (e != StunParseError.None)
                {
                    return e;
                }
            }
            pos = valueOffset + padded;
        }
        return StunParseError.None;
    }

    private static StunParseError Record(ushort type, ReadOnlySpan<byte> value, int valueOffset, int attributeOffset, ref StunAttributeIndex index)
    {
        int length = value.Length;
        switch (type)
        {
            case StunAttributeType.Username:
                if (length > MaxUsernameLength)
                {
                    return StunParseError.AttributeBadLength;
                }
                if (index.UsernameOffset < 0)
                {
                    index.UsernameOffset = valueOffset;
                    index.UsernameLength = length;
                }
                break;
            case StunAttributeType.MessageIntegrity:
                if (length != StunIntegrity.HmacSize)
                {
                    return StunParseError.AttributeBadLength;
                }
                index.IntegrityOffset = attributeOffset;
                break;
            case StunAttributeType.XorMappedAddress:
                if (length < 4)
                {
                    return StunParseError.AttributeBadLength;
                }
                if (!((value[1] == 0x01 && length == 8) || (value[1] == 0x02 && length == 20)))
                {
                    return value[1] is 0x01 or 0x02 ? StunParseError.AttributeBadLength : StunParseError.BadAddressFamily;
                }
                if (index.XorMappedOffset < 0)
                {
                    index.XorMappedOffset = valueOffset;
                    index.XorMappedLength = length;
                }
                break;
            case StunAttributeType.ErrorCode:
                if (length < 4 || length > 4 + 763)
                {
                    return StunParseError.AttributeBadLength;
                }
                if (index.ErrorCodeOffset < 0)
                {
                    index.ErrorCodeOffset = valueOffset;
                    index.ErrorCodeLength = length;
                }
                break;
            case StunAttributeType.Priority:
                if (length != 4)
                {
                    return StunParseError.AttributeBadLength;
                }
                if (!index.HasPriority)
                {
                    index.HasPriority = true;
                    index.Priority = BinaryPrimitives.ReadUInt32BigEndian(value);
                }
                break;
            case StunAttributeType.UseCandidate:
                if (length != 0)
                {
                    return StunParseError.AttributeBadLength;
                }
                index.UseCandidate = true;
                break;
            case StunAttributeType.IceControlling:
                if (length != 8)
                {
                    return StunParseError.AttributeBadLength;
                }
                if (!index.HasIceControlling)
                {
                    index.HasIceControlling = true;
                    index.IceControlling = BinaryPrimitives.ReadUInt64BigEndian(value);
                }
                break;
            case StunAttributeType.IceControlled:
                if (length != 8)
                {
                    return StunParseError.AttributeBadLength;
                }
                if (!index.HasIceControlled)
                {
                    index.HasIceControlled = true;
                    index.IceControlled = BinaryPrimitives.ReadUInt64BigEndian(value);
                }
                break;
            case StunAttributeType.Software:
                if (index.SoftwareOffset < 0)
                {
                    index.SoftwareOffset = valueOffset;
                    index.SoftwareLength = length;
                }
                break;
            case StunAttributeType.MappedAddress:
            case StunAttributeType.UnknownAttributes:
            case StunAttributeType.Realm:
            case StunAttributeType.Nonce:
            case StunAttributeType.MessageIntegritySha256:
            case StunAttributeType.UserHash:
                break; // known, read on demand with TryGetAttribute
            default:
                if (StunAttributeType.IsComprehensionRequired(type))
                {
                    index.AddUnknownRequired(type);
                }
                break;
        }
        return StunParseError.None;
    }

    /// <summary>The USERNAME as a string (allocates), or null when absent.</summary>
    public string? GetUsername() => HasUsername ? Encoding.UTF8.GetString(UsernameBytes) : null;

    /// <summary>
    /// Checks MESSAGE-INTEGRITY (HMAC-SHA1) with <paramref name="key"/> (short-term: the password's UTF-8 bytes).
    /// False when absent or wrong. Constant-time compare.
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        int at = _index.IntegrityOffset;
        if (at < 0)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[StunIntegrity.HmacSize];
        StunIntegrity.ComputeHmac(_buffer[..at], key, mac);
        return StunIntegrity.FixedTimeEquals(mac, _buffer.Slice(at + 4, StunIntegrity.HmacSize));
    }

    /// <summary>Checks FINGERPRINT; false when absent or wrong.</summary>
    public bool VerifyFingerprint()
    {
        int at = _index.FingerprintOffset;
        if (at < 0)
        {
            return false;
        }
        uint expected = StunIntegrity.ComputeFingerprint(_buffer[..at]);
        return expected == BinaryPrimitives.ReadUInt32BigEndian(_buffer[(at + 4)..]);
    }

    /// <summary>
    /// Decodes XOR-MAPPED-ADDRESS into caller storage without allocating: 4 or 16 address bytes.
    /// </summary>
    public bool TryGetXorMappedAddress(Span<byte> address, out int addressLength, out int port)
    {
        addressLength = 0;
        port = 0;
        int at = _index.XorMappedOffset;
        if (at < 0)
        {
            return false;
        }
        ReadOnlySpan<byte> value = _buffer.Slice(at, _index.XorMappedLength);
        int n = value[1] == 0x01 ? 4 : 16;
        if (address.Length < n)
        {
            return false;
        }
        port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (int)(StunHeader.MagicCookie >> 16);
        // The XOR pad is the magic cookie followed by the transaction id: bytes 4..20 of the header.
        ReadOnlySpan<byte> pad = _buffer.Slice(4, 16);
        for (int i = 0; i < n; i++)
        {
            address[i] = (byte)(value[4 + i] ^ pad[i]);
        }
        addressLength = n;
        return true;
    }

    /// <summary>Decodes XOR-MAPPED-ADDRESS into an <see cref="IPEndPoint"/> (allocates).</summary>
    public bool TryGetXorMappedAddress(out IPEndPoint? endPoint)
    {
        endPoint = null;
        Span<byte> address = stackalloc byte[16];
        if (!TryGetXorMappedAddress(address, out int n, out int port))
        {
            return false;
        }
        endPoint = new IPEndPoint(new IPAddress(address[..n]), port);
        return true;
    }

    /// <summary>Reads ERROR-CODE: the code (300–699) and the UTF-8 reason phrase.</summary>
    public bool TryGetErrorCode(out int code, out ReadOnlySpan<byte> reason)
    {
        code = 0;
        reason = default;
        int at = _index.ErrorCodeOffset;
        if (at < 0)
        {
            return false;
        }
        ReadOnlySpan<byte> value = _buffer.Slice(at, _index.ErrorCodeLength);
        code = ((value[2] & 0x7) * 100) + value[3];
        reason = value[4..];
        return true;
    }

    /// <summary>Finds the first attribute of <paramref name="type"/> (walks the message again).</summary>
    public bool TryGetAttribute(ushort type, out ReadOnlySpan<byte> value)
    {
        value = default;
        int pos = StunHeader.Size;
        while (_buffer.Length - pos >= 4)
        {
            ushort t = BinaryPrimitives.ReadUInt16BigEndian(_buffer[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(_buffer[(pos + 2)..]);
            if (t == type)
            {
                value = _buffer.Slice(pos + 4, length);
                return true;
            }
            pos += 4 + ((length + 3) & ~3);
        }
        return false;
    }
}
