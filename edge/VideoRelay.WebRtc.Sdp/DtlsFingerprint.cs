using System.Globalization;
using System.Text;

namespace VideoRelay.WebRtc.Sdp;

/// <summary><c>a=fingerprint:&lt;hash-func&gt; &lt;XX:XX:...&gt;</c> (RFC 8122 §5): the certificate hash the DTLS peer must present.</summary>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    private readonly byte[] _bytes;

    /// <summary>Creates a fingerprint; the algorithm is stored lower-case.</summary>
    public DtlsFingerprint(string algorithm, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        Algorithm = algorithm.ToLowerInvariant();
        _bytes = bytes.ToArray();
    }

    /// <summary>The hash function, lower-case (e.g. "sha-256").</summary>
    public string Algorithm { get; }

    /// <summary>The hash bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The expected digest length for known algorithms, else 0.</summary>
    public static int DigestLength(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        "sha-1" => 20,
        "sha-224" => 28,
        "sha-256" => 32,
        "sha-384" => 48,
        "sha-512" => 64,
        _ => 0,
    };

    /// <summary>Parses the attribute value; null when malformed (bad hex, wrong length for the algorithm).</summary>
    public static DtlsFingerprint? TryParse(string value)
    {
        int space = value.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }
        string algorithm = value[..space];
        string hex = value[(space + 1)..].Trim();
        string[] octets = hex.Split(':');
        if (octets.Length is 0 or > 64)
        {
            return null;
        }
        var bytes = new byte[octets.Length];
        for (int i = 0; i < octets.Length; i++)
        {
            if (octets[i].Length != 2 || !byte.TryParse(octets[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }
        int expected = DigestLength(algorithm);
        if (expected != 0 && expected != bytes.Length)
        {
            return null;
        }
        return new DtlsFingerprint(algorithm, bytes);
    }

    /// <summary>The attribute value: algorithm, space, upper-case colon-separated hex.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Algorithm.Length + 1 + (_bytes.Length * 3));
        sb.Append(Algorithm).Append(' ');
        for (int i = 0; i < _bytes.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(':');
            }
            sb.Append(_bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(DtlsFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Algorithm, _bytes.Length > 0 ? _bytes[0] : 0, _bytes.Length);
}
