using System.Collections.Concurrent;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// A thread-safe ufrag → credential table: the control plane (WHEP) adds and removes entries while
/// the UDP receive loop looks them up by the raw USERNAME bytes without allocating.
/// </summary>
public sealed class IceCredentialTable<TSession> : IIceCredentialLookup<TSession>
    where TSession : class
{
    /// <summary>Longest ufrag accepted (RFC 8839 §5.4: at most 256 ice-chars).</summary>
    public const int MaxUfragLength = 256;

    private readonly ConcurrentDictionary<string, IceLocalCredential<TSession>> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IceLocalCredential<TSession>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Creates an empty table.</summary>
    public IceCredentialTable()
    {
        _bySpan = _byUfrag.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Entries in the table.</summary>
    public int Count => _byUfrag.Count;

    /// <summary>Adds an entry; false when the ufrag is already taken.</summary>
    public bool TryAdd(IceLocalCredential<TSession> credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential.LocalUfrag.Length <= MaxUfragLength && _byUfrag.TryAdd(credential.LocalUfrag, credential);
    }

    /// <summary>Removes an entry by ufrag.</summary>
    public bool Remove(string localUfrag) => _byUfrag.TryRemove(localUfrag, out _);

    /// <inheritdoc/>
    public bool TryFind(ReadOnlySpan<byte> localUfrag, out IceLocalCredential<TSession>? credential)
    {
        credential = null;
        if (localUfrag.IsEmpty || localUfrag.Length > MaxUfragLength)
        {
            return false;
        }
        Span<char> chars = stackalloc char[MaxUfragLength];
        for (int i = 0; i < localUfrag.Length; i++)
        {
            byte b = localUfrag[i];
            if (b >= 0x80)
            {
                return false; // ufrags are ice-chars (ASCII)
            }
            chars[i] = (char)b;
        }
        return _bySpan.TryGetValue(chars[..localUfrag.Length], out credential);
    }
}
