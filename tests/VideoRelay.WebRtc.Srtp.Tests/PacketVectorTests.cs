namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>
/// Whole-packet known answers: RFC 7714 §16/§17 (AES-GCM, session keys given) and libsrtp's
/// reference packet for AES_CM_128_HMAC_SHA1_80 (master key = RFC 3711 B.3's, so KDF + AES-CM + HMAC
/// are checked together). Both directions for each.
/// </summary>
public sealed class PacketVectorTests
{
    private const string GcmKey128 = "000102030405060708090a0b0c0d0e0f";
    private const string GcmKey256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string GcmSalt = "517569642070726f2071756f";

    private const string GcmRtp =
        "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573";

    private const string GcmSrtp128 =
        "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833" +
        "899d7f27 beb16a91 52cf765e e4390cce";

    private const string GcmSrtp256 =
        "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b" +
        "7aa3db36 dfffd6b0 f9bb7878 d7a76c13";

    private const string GcmRtcp =
        "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef";

    private const string GcmSrtcp128 =
        "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b" +
        "c84aa458 96cf4d2f c5abf872 45d9eade 800005d4";

    private const string GcmSrtcp256 =
        "81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50 a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad" +
        "1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4";

    private const string CmRtp = "800f1234 decafbad cafebabe abababab abababab abababab abababab";
    private const string CmSrtp = "800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb";
    private const string CmRtcp = "81c8000b cafebabe abababab abababab abababab abababab";
    private const string CmSrtcp = "81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798";

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm, GcmKey128, GcmSrtp128)]
    [InlineData(SrtpProfile.AeadAes256Gcm, GcmKey256, GcmSrtp256)]
    public void Rfc7714_16_rtp_encryption(SrtpProfile profile, string key, string expected)
    {
        using SrtpContext context = TestContexts.FromSessionKeys(profile, key, GcmSalt);
        byte[] rtp = Hex.Bytes(GcmRtp);
        byte[] srtp = new byte[rtp.Length + 16];

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(rtp, srtp, out int written));

        Assert.Equal(Hex.String(Hex.Bytes(expected)), Hex.String(srtp.AsSpan(0, written)));
        Assert.Equal(Hex.String(Hex.Bytes(GcmRtp)), Hex.String(rtp));
    }

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm, GcmKey128, GcmSrtp128)]
    [InlineData(SrtpProfile.AeadAes256Gcm, GcmKey256, GcmSrtp256)]
    public void Rfc7714_16_rtp_decryption(SrtpProfile profile, string key, string srtpHex)
    {
        using SrtpContext context = TestContexts.FromSessionKeys(profile, key, GcmSalt);
        byte[] srtp = Hex.Bytes(srtpHex);
        byte[] rtp = new byte[srtp.Length];

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtp(srtp, rtp, out int written));

        Assert.Equal(Hex.String(Hex.Bytes(GcmRtp)), Hex.String(rtp.AsSpan(0, written)));
    }

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm, GcmKey128, GcmSrtcp128)]
    [InlineData(SrtpProfile.AeadAes256Gcm, GcmKey256, GcmSrtcp256)]
    public void Rfc7714_17_rtcp_encryption(SrtpProfile profile, string key, string expected)
    {
        using SrtpContext context = TestContexts.FromSessionKeys(profile, key, GcmSalt);
        context.SetNextSrtcpIndex(0x4d617273, 0x5d4);
        byte[] rtcp = Hex.Bytes(GcmRtcp);
        byte[] srtcp = new byte[rtcp.Length + 20];

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtcp(rtcp, srtcp, out int written));

        Assert.Equal(Hex.String(Hex.Bytes(expected)), Hex.String(srtcp.AsSpan(0, written)));
    }

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm, GcmKey128, GcmSrtcp128)]
    [InlineData(SrtpProfile.AeadAes256Gcm, GcmKey256, GcmSrtcp256)]
    public void Rfc7714_17_rtcp_decryption(SrtpProfile profile, string key, string srtcpHex)
    {
        using SrtpContext context = TestContexts.FromSessionKeys(profile, key, GcmSalt);
        byte[] srtcp = Hex.Bytes(srtcpHex);

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtcpInPlace(srtcp, out int written));

        Assert.Equal(Hex.String(Hex.Bytes(GcmRtcp)), Hex.String(srtcp.AsSpan(0, written)));
    }

    [Fact]
    public void Libsrtp_reference_rtp_packet_from_the_b3_master_key_both_ways()
    {
        SrtpMasterKey master = new(SrtpProfile.Aes128CmHmacSha1_80, Hex.Bytes("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.Bytes("0EC675AD498AFEEBB6960B3AABE6"));
        using var sender = new SrtpContext(master);
        using var receiver = new SrtpContext(master);
        byte[] rtp = Hex.Bytes(CmRtp);
        byte[] srtp = new byte[rtp.Length + 10];

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out int written));
        Assert.Equal(Hex.String(Hex.Bytes(CmSrtp)), Hex.String(srtp.AsSpan(0, written)));

        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtpInPlace(srtp, out int plain));
        Assert.Equal(Hex.String(rtp), Hex.String(srtp.AsSpan(0, plain)));
    }

    [Fact]
    public void Libsrtp_reference_rtcp_packet_from_the_b3_master_key_both_ways()
    {
        SrtpMasterKey master = new(SrtpProfile.Aes128CmHmacSha1_80, Hex.Bytes("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.Bytes("0EC675AD498AFEEBB6960B3AABE6"));
        using var sender = new SrtpContext(master);
        using var receiver = new SrtpContext(master);
        sender.SetNextSrtcpIndex(0xcafebabe, 1);
        byte[] rtcp = Hex.Bytes(CmRtcp);
        byte[] srtcp = new byte[rtcp.Length + 14];

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(rtcp, srtcp, out int written));
        Assert.Equal(Hex.String(Hex.Bytes(CmSrtcp)), Hex.String(srtcp.AsSpan(0, written)));

        byte[] back = new byte[rtcp.Length];
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(srtcp, back, out int plain));
        Assert.Equal(Hex.String(rtcp), Hex.String(back.AsSpan(0, plain)));
    }

    [Fact]
    public void The_first_srtcp_packet_carries_index_zero_with_the_e_bit()
    {
        var (sender, _) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] rtcp = RtpPackets.Rtcp();
        byte[] srtcp = new byte[rtcp.Length + 14];

        sender.ProtectRtcp(rtcp, srtcp, out int written);

        Assert.Equal("80000000", Hex.String(srtcp.AsSpan(written - 14, 4)));
        sender.ProtectRtcp(rtcp, srtcp, out written);
        Assert.Equal("80000001", Hex.String(srtcp.AsSpan(written - 14, 4)));
    }
}
