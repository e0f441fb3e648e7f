namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>RFC 5764 §4.2: client_write_key | server_write_key | client_write_salt | server_write_salt.</summary>
public sealed class DtlsSrtpKeyMaterialTests
{
    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 60)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_32, 60)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 56)]
    [InlineData(SrtpProfile.AeadAes256Gcm, 88)]
    [InlineData((SrtpProfile)0x0005, 0)]
    public void Exporter_length_per_profile(SrtpProfile profile, int length) =>
        Assert.Equal(length, DtlsSrtpKeyMaterial.GetLength(profile));

    [Fact]
    public void Client_sends_with_client_write_keys_and_server_with_server_write_keys()
    {
        byte[] material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();

        Assert.True(DtlsSrtpKeyMaterial.TrySplit(material, SrtpProfile.Aes128CmHmacSha1_80, DtlsSrtpRole.Client, out SrtpMasterKey? local, out SrtpMasterKey? remote));

        Assert.Equal(material[0..16], local.Key.ToArray());
        Assert.Equal(material[32..46], local.Salt.ToArray());
        Assert.Equal(material[16..32], remote.Key.ToArray());
        Assert.Equal(material[46..60], remote.Salt.ToArray());

        Assert.True(DtlsSrtpKeyMaterial.TrySplit(material, SrtpProfile.Aes128CmHmacSha1_80, DtlsSrtpRole.Server, out local, out remote));
        Assert.Equal(material[16..32], local.Key.ToArray());
        Assert.Equal(material[46..60], local.Salt.ToArray());
        Assert.Equal(material[0..16], remote.Key.ToArray());
        Assert.Equal(material[32..46], remote.Salt.ToArray());
    }

    [Fact]
    public void Gcm_split_uses_12_byte_salts()
    {
        byte[] material = Enumerable.Range(0, 56).Select(i => (byte)i).ToArray();

        Assert.True(DtlsSrtpKeyMaterial.TrySplit(material, SrtpProfile.AeadAes128Gcm, DtlsSrtpRole.Server, out SrtpMasterKey? local, out SrtpMasterKey? remote));

        Assert.Equal(material[16..32], local.Key.ToArray());
        Assert.Equal(material[44..56], local.Salt.ToArray());
        Assert.Equal(material[32..44], remote.Salt.ToArray());
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 59)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 61)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 60)]
    [InlineData((SrtpProfile)0x0003, 60)]
    public void Wrong_length_or_unknown_profile_is_refused(SrtpProfile profile, int length)
    {
        Assert.False(DtlsSrtpKeyMaterial.TrySplit(new byte[length], profile, DtlsSrtpRole.Client, out SrtpMasterKey? local, out SrtpMasterKey? remote));
        Assert.Null(local);
        Assert.Null(remote);
        Assert.False(SrtpSession.TryCreate(new byte[length], profile, DtlsSrtpRole.Client, out SrtpSession? session));
        Assert.Null(session);
    }

    [Fact]
    public void Master_key_of_the_wrong_length_throws_at_set_up()
    {
        Assert.Throws<ArgumentException>(() => new SrtpMasterKey(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[14]));
        Assert.Throws<ArgumentException>(() => new SrtpMasterKey(SrtpProfile.Aes128CmHmacSha1_80, new byte[32], new byte[14]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SrtpMasterKey((SrtpProfile)9, new byte[16], new byte[14]));
    }
}
