using VideoRelay.WebRtc.Srtp.Internal;

namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>Contexts built from session keys (as the RFC vectors give them) or from fixed master keys.</summary>
internal static class TestContexts
{
    public static readonly SrtpProfile[] AllProfiles =
    [
        SrtpProfile.Aes128CmHmacSha1_80,
        SrtpProfile.Aes128CmHmacSha1_32,
        SrtpProfile.AeadAes128Gcm,
        SrtpProfile.AeadAes256Gcm,
    ];

    public static IEnumerable<object[]> Profiles => AllProfiles.Select(p => new object[] { p });

    /// <summary>A context whose SRTP and SRTCP session keys are both the given key/salt/auth key.</summary>
    public static SrtpContext FromSessionKeys(SrtpProfile profile, string key, string salt, string auth = "", int maxStreams = 16)
    {
        SrtpProfileParameters p = SrtpProfileParameters.Get(profile);
        byte[] authKey = auth.Length == 0 ? new byte[p.AuthKeyLength] : Hex.Bytes(auth);
        return new SrtpContext(
            p,
            new SrtpSessionKeys(Hex.Bytes(key), Hex.Bytes(salt), authKey),
            new SrtpSessionKeys(Hex.Bytes(key), Hex.Bytes(salt), (byte[])authKey.Clone()),
            maxStreams);
    }

    /// <summary>A deterministic master key for a profile (seeded so sender and receiver agree).</summary>
    public static SrtpMasterKey MasterKey(SrtpProfile profile, byte seed = 1)
    {
        SrtpProfileParameters p = SrtpProfileParameters.Get(profile);
        byte[] key = new byte[p.KeyLength];
        byte[] salt = new byte[p.SaltLength];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(seed * 31 + i);
        }

        for (int i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)(seed * 17 + 3 * i);
        }

        return new SrtpMasterKey(profile, key, salt);
    }

    /// <summary>Sender and receiver contexts over the same master key.</summary>
    public static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile, int maxStreams = 16)
    {
        SrtpMasterKey key = MasterKey(profile);
        return (new SrtpContext(key, maxStreams), new SrtpContext(key, maxStreams));
    }
}
