using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>The session keys of one of SRTP or SRTCP: encryption key, salt, and (HMAC profiles) auth key.</summary>
internal sealed class SrtpSessionKeys
{
    public SrtpSessionKeys(byte[] encryptionKey, byte[] salt, byte[] authenticationKey)
    {
        EncryptionKey = encryptionKey;
        Salt = salt;
        AuthenticationKey = authenticationKey;
    }

    public byte[] EncryptionKey { get; }

    public byte[] Salt { get; }

    public byte[] AuthenticationKey { get; }

    /// <summary>Derives the SRTP (<paramref name="rtcp"/> false) or SRTCP session keys from a master key.</summary>
    public static SrtpSessionKeys Derive(in SrtpProfileParameters p, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool rtcp)
    {
        byte labelBase = rtcp ? SrtpKeyDerivation.LabelRtcpEncryption : SrtpKeyDerivation.LabelRtpEncryption;
        byte[] key = new byte[p.KeyLength];
        byte[] salt = new byte[p.SaltLength];
        byte[] auth = new byte[p.AuthKeyLength];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, labelBase, key);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, (byte)(labelBase + 1), auth);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, (byte)(labelBase + 2), salt);
        return new SrtpSessionKeys(key, salt, auth);
    }

    public void Clear()
    {
        CryptographicOperations.ZeroMemory(EncryptionKey);
        CryptographicOperations.ZeroMemory(Salt);
        CryptographicOperations.ZeroMemory(AuthenticationKey);
    }
}
