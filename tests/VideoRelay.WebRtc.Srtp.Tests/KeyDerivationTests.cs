using VideoRelay.WebRtc.Srtp.Internal;

namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>RFC 3711 Appendix B.3 (key derivation, KDR = 0) and the AEAD salt layout browsers use.</summary>
public sealed class KeyDerivationTests
{
    private static readonly byte[] MasterKey = Hex.Bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex.Bytes("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void Rfc3711_B3_cipher_key()
    {
        byte[] key = new byte[16];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.LabelRtpEncryption, key);
        Assert.Equal("c61e7a93744f39ee10734afe3ff7a087", Hex.String(key));
    }

    [Fact]
    public void Rfc3711_B3_cipher_salt()
    {
        byte[] salt = new byte[14];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.LabelRtpSalt, salt);
        Assert.Equal("30cbbc08863d8c85d49db34a9ae1", Hex.String(salt));
    }

    [Fact]
    public void Rfc3711_B3_auth_key_all_94_bytes()
    {
        byte[] auth = new byte[94];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.LabelRtpAuthentication, auth);
        Assert.Equal(
            Hex.String(Hex.Bytes(
                "CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE" +
                "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25" +
                "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2")),
            Hex.String(auth));
    }

    [Fact]
    public void Session_keys_for_the_hmac_profile_take_the_rfc_lengths()
    {
        SrtpProfileParameters p = SrtpProfileParameters.Get(SrtpProfile.Aes128CmHmacSha1_80);
        SrtpSessionKeys rtp = SrtpSessionKeys.Derive(p, MasterKey, MasterSalt, rtcp: false);
        SrtpSessionKeys rtcp = SrtpSessionKeys.Derive(p, MasterKey, MasterSalt, rtcp: true);

        Assert.Equal("c61e7a93744f39ee10734afe3ff7a087", Hex.String(rtp.EncryptionKey));
        Assert.Equal("30cbbc08863d8c85d49db34a9ae1", Hex.String(rtp.Salt));
        Assert.Equal("cebe321f6ff7716b6fd4ab49af256a156d38baa4", Hex.String(rtp.AuthenticationKey));
        Assert.Equal(16, rtcp.EncryptionKey.Length);
        Assert.Equal(14, rtcp.Salt.Length);
        Assert.Equal(20, rtcp.AuthenticationKey.Length);
        Assert.NotEqual(Hex.String(rtp.EncryptionKey), Hex.String(rtcp.EncryptionKey));
    }

    /// <summary>
    /// RFC 7714 gives no KDF vector. The 12-byte AEAD master salt is zero-padded on the right (label on
    /// byte 7), as libsrtp does; this value was cross-checked against webrtc-rs/srtp by another project.
    /// </summary>
    [Fact]
    public void Aead_salt_is_padded_on_the_right_like_libsrtp()
    {
        SrtpProfileParameters p = SrtpProfileParameters.Get(SrtpProfile.AeadAes128Gcm);
        byte[] key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        byte[] salt = Enumerable.Range(0x40, 12).Select(i => (byte)i).ToArray();

        SrtpSessionKeys rtp = SrtpSessionKeys.Derive(p, key, salt, rtcp: false);

        Assert.Equal("1fcd5d561e66dc49ec1c3ccb", Hex.String(rtp.Salt));
        Assert.Empty(rtp.AuthenticationKey);
    }
}
