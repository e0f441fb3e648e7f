using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Ice;

/// <summary>The 96-bit STUN transaction id, held by value (no allocation).</summary>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct StunTransactionId : IEquatable<StunTransactionId>
{
    /// <summary>Size on the wire.</summary>
    public const int Size = 12;

    private readonly uint _a;
    private readonly uint _b;
    private readonly uint _c;

    private StunTransactionId(uint a, uint b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    /// <summary>A fresh id from the cryptographic RNG (RFC 8489 §6: uniformly and randomly chosen).</summary>
    public static StunTransactionId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        return Read(bytes);
    }

    /// <summary>Reads 12 bytes; <paramref name="source"/> must hold at least <see cref="Size"/> bytes.</summary>
    public static StunTransactionId Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt32BigEndian(source),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]));

    /// <summary>Writes the 12 bytes; <paramref name="destination"/> must hold at least <see cref="Size"/> bytes.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], _c);
    }

    /// <inheritdoc/>
    public bool Equals(StunTransactionId other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StunTransactionId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>Lower-case hex, 24 digits.</summary>
    public override string ToString() => $"{_a:x8}{_b:x8}{_c:x8}";

    /// <summary>Value equality.</summary>
    public static bool operator ==(StunTransactionId left, StunTransactionId right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(StunTransactionId left, StunTransactionId right) => !left.Equals(right);
}
