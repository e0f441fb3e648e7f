using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// Writes one STUN message into a caller-given span, attribute by attribute, keeping the header's
/// length field current. Every method returns false (and writes nothing further) when the span is too
/// small or the call is out of order; nothing allocates.
/// </summary>
/// <remarks>
/// Order: <see cref="TryBegin"/>, then attributes, then optionally <see cref="TryAddMessageIntegrity"/>,
/// then optionally <see cref="TryAddFingerprint"/>. No attribute may follow FINGERPRINT, and only
/// FINGERPRINT may follow MESSAGE-INTEGRITY.
/// </remarks>
public ref struct StunWriter
{
    private readonly Span<byte> _destination;
    private int _position;
    private bool _begun;
    private bool _hasIntegrity;
    private bool _hasFingerprint;

    /// <summary>Starts a writer over <paramref name="destination"/>.</summary>
    public StunWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
        _begun = false;
        _hasIntegrity = false;
        _hasFingerprint = false;
    }

    /// <summary>Bytes written so far (the whole message once finished).</summary>
    public readonly int Written => _position;

    /// <summary>The written message.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _destination[.._position];

    /// <summary>Writes the header with a zero length.</summary>
    public bool TryBegin(ushort messageType, scoped in StunTransactionId transactionId)
    {
        if (_begun || !new StunHeader(messageType, 0, transactionId).TryWrite(_destination, out int written))
        {
            return false;
        }
        _begun = true;
        _position = written;
        return true;
    }

    /// <summary>Adds a raw attribute; the value is padded to 4 bytes with <paramref name="padding"/>.</summary>
    /// <remarks>RFC 8489 lets padding bytes hold any value; RFC 5769's vectors use 0x20.</remarks>
    public bool TryAddAttribute(ushort type, scoped ReadOnlySpan<byte> value, byte padding = 0)
    {
        if (!TryReserve(type, value.Length, padding, out Span<byte> slot))
        {
            return false;
        }
        value.CopyTo(slot);
        return true;
    }

    /// <summary>Adds USERNAME, UTF-8 encoded straight into the destination.</summary>
    public bool TryAddUsername(scoped ReadOnlySpan<char> username)
    {
        int length = Encoding.UTF8.GetByteCount(username);
        if (length > StunMessage.MaxUsernameLength || !TryReserve(StunAttributeType.Username, length, 0, out Span<byte> slot))
        {
            return false;
        }
        Encoding.UTF8.GetBytes(username, slot);
        return true;
    }

    /// <summary>Adds a 32-bit attribute (e.g. PRIORITY).</summary>
    public bool TryAddUInt32(ushort type, uint value)
    {
        if (!TryReserve(type, 4, 0, out Span<byte> slot))
        {
            return false;
        }
        BinaryPrimitives.WriteUInt32BigEndian(slot, value);
        return true;
    }

    /// <summary>Adds a 64-bit attribute (e.g. ICE-CONTROLLING).</summary>
    public bool TryAddUInt64(ushort type, ulong value)
    {
        if (!TryReserve(type, 8, 0, out Span<byte> slot))
        {
            return false;
        }
        BinaryPrimitives.WriteUInt64BigEndian(slot, value);
        return true;
    }

    /// <summary>Adds an empty attribute (e.g. USE-CANDIDATE).</summary>
    public bool TryAddFlag(ushort type) => TryReserve(type, 0, 0, out _);

    /// <summary>Adds XOR-MAPPED-ADDRESS; an IPv4-mapped IPv6 address is written as IPv4.</summary>
    public bool TryAddXorMappedAddress(IPAddress address, int port)
    {
        if ((uint)port > ushort.MaxValue)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        bool v4 = address.AddressFamily == AddressFamily.InterNetwork;
        int n = v4 ? 4 : 16;
        if (!v4 && address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        if (!_begun || !TryReserve(StunAttributeType.XorMappedAddress, 4 + n, 0, out Span<byte> slot))
        {
            return false;
        }
        slot[0] = 0;
        slot[1] = v4 ? (byte)0x01 : (byte)0x02;
        BinaryPrimitives.WriteUInt16BigEndian(slot[2..], (ushort)(port ^ (int)(StunHeader.MagicCookie >> 16)));
        Span<byte> raw = slot.Slice(4, n);
        if (!address.TryWriteBytes(raw, out int written) || written != n)
        {
            return false;
        }
        ReadOnlySpan<byte> pad = _destination.Slice(4, 16);
        for (int i = 0; i < n; i++)
        {
            raw[i] ^= pad[i];
        }
        return true;
    }

    /// <summary>Adds XOR-MAPPED-ADDRESS for an endpoint.</summary>
    public bool TryAddXorMappedAddress(IPEndPoint endPoint) => TryAddXorMappedAddress(endPoint.Address, endPoint.Port);

    /// <summary>Adds ERROR-CODE (300–699) with an ASCII/UTF-8 reason phrase.</summary>
    public bool TryAddErrorCode(int code, scoped ReadOnlySpan<char> reason)
    {
        if (code is < 300 or > 699)
        {
            return false;
        }
        int reasonLength = Encoding.UTF8.GetByteCount(reason);
        if (reasonLength > 763 || !TryReserve(StunAttributeType.ErrorCode, 4 + reasonLength, 0, out Span<byte> slot))
        {
            return false;
        }
        slot[0] = 0;
        slot[1] = 0;
        slot[2] = (byte)(code / 100);
        slot[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, slot[4..]);
        return true;
    }

    /// <summary>Adds UNKNOWN-ATTRIBUTES listing <paramref name="types"/>.</summary>
    public bool TryAddUnknownAttributes(scoped ReadOnlySpan<ushort> types)
    {
        if (!TryReserve(StunAttributeType.UnknownAttributes, types.Length * 2, 0, out Span<byte> slot))
        {
            return false;
        }
        for (int i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(slot[(i * 2)..], types[i]);
        }
        return true;
    }

    /// <summary>Adds MESSAGE-INTEGRITY: HMAC-SHA1 keyed with <paramref name="key"/> over everything so far.</summary>
    public bool TryAddMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        int start = _position;
        if (!TryReserve(StunAttributeType.MessageIntegrity, StunIntegrity.HmacSize, 0, out Span<byte> slot))
        {
            return false;
        }
        // The length field now ends right after MESSAGE-INTEGRITY, as the HMAC input requires.
        StunIntegrity.ComputeHmacInPlace(_destination[..start], key, slot);
        _hasIntegrity = true;
        return true;
    }

    /// <summary>Adds FINGERPRINT: CRC-32 of everything so far XOR 0x5354554E. Must be last.</summary>
    public bool TryAddFingerprint()
    {
        int start = _position;
        if (!TryReserve(StunAttributeType.Fingerprint, 4, 0, out Span<byte> slot))
        {
            return false;
        }
        BinaryPrimitives.WriteUInt32BigEndian(slot, StunIntegrity.ComputeFingerprint(_destination[..start]));
        _hasFingerprint = true;
        return true;
    }

    private bool TryReserve(ushort type, int length, byte padding, out Span<byte> slot)
    {
        slot = default;
        if (!_begun || _hasFingerprint || (_hasIntegrity && type != StunAttributeType.Fingerprint) || (uint)length > ushort.MaxValue)
        {
            return false;
        }
        int padded = (length + 3) & ~3;
        int end = _position + 4 + padded;
        if (end > _destination.Length || end - StunHeader.Size > ushort.MaxValue)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt16BigEndian(_destination[_position..], type);
        BinaryPrimitives.WriteUInt16BigEndian(_destination[(_position + 2)..], (ushort)length);
        slot = _destination.Slice(_position + 4, length);
        _destination.Slice(_position + 4 + length, padded - length).Fill(padding);
        _position = end;
        BinaryPrimitives.WriteUInt16BigEndian(_destination[2..], (ushort)(end - StunHeader.Size));
        return true;
    }
}
