using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// One SRTP master key and master salt (RFC 3711 §3.2.1), the input of the key derivation. One per
/// direction: DTLS-SRTP yields a local (send) and a remote (receive) master key, see
/// <see cref="DtlsSrtpKeyMaterial.TrySplit"/>. Holds copies; <see cref="Clear"/> wipes them.
/// </summary>
public sealed class SrtpMasterKey
{
    private readonly byte[] _key;
    private readonly byte[] _salt;

    /// <summary>Copies a master key and salt; their lengths must match <paramref name="profile"/>.</summary>
    /// <exception cref="ArgumentException">A length does not fit the profile.</exception>
    public SrtpMasterKey(SrtpProfile profile, ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        SrtpProfileParameters parameters = SrtpProfileParameters.Get(profile);
        if (key.Length != parameters.KeyLength)
        {
            Internal.ThrowHelper.WrongLength(nameof(key), key.Length, parameters.KeyLength);
        }

        if (salt.Length != parameters.SaltLength)
        {
            Internal.ThrowHelper.WrongLength(nameof(salt), salt.Length, parameters.SaltLength);
        }

        Profile = profile;
        _key = key.ToArray();
        _salt = salt.ToArray();
    }

    /// <summary>The profile this key is for.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>The master key.</summary>
    public ReadOnlySpan<byte> Key => _key;

    /// <summary>The master salt.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>Overwrites the key and salt with zeros (contexts made from it keep their own derived keys).</summary>
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(_key);
        CryptographicOperations.ZeroMemory(_salt);
    }
}
