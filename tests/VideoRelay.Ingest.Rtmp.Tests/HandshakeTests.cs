using System.Security.Cryptography;
using VideoRelay.Ingest.Rtmp.Handshake;
using VideoRelay.Ingest.Rtmp.Tests.Support;

namespace VideoRelay.Ingest.Rtmp.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public void Plain_c1_gets_a_plain_s1_and_an_echo_in_s2()
    {
        byte[] c1 = FakeRtmpClient.CreateC1(digest: false);
        var response = new byte[RtmpHandshake.ResponseSize];
        Assert.False(RtmpHandshake.WriteResponse(c1, response, 1234));
        Assert.Equal(3, response[0]);
        Assert.Equal([0, 0, 0x04, 0xD2, 0, 0, 0, 0], response[1..9]);
        Assert.Equal(c1, response[(1 + RtmpHandshake.PacketSize)..]);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(772)]
    public void Digest_c1_gets_server_digests_the_client_can_verify(int schemeBase)
    {
        byte[] c1 = FakeRtmpClient.CreateC1(digest: true, schemeBase);
        var response = new byte[RtmpHandshake.ResponseSize];
        Assert.True(RtmpHandshake.WriteResponse(c1, response, 0));
        byte[] s1 = response[1..(1 + RtmpHandshake.PacketSize)];
        byte[] s2 = response[(1 + RtmpHandshake.PacketSize)..];

        // S1: digest under the 36-byte server key, at the position of the client's scheme.
        int s1Offset = RtmpHandshake.DigestOffset(s1, schemeBase);
        Assert.True(RtmpHandshake.VerifyDigest(s1, s1Offset, RtmpHandshake.ServerKey[..RtmpHandshake.ServerKeyOpenLength]));
        Assert.NotEqual(0, s1[4]);

        // S2: the last 32 bytes are HMAC(HMAC(full server key, client digest), S2[..1504]).
        int c1Offset = RtmpHandshake.DigestOffset(c1, schemeBase);
        byte[] key = HMACSHA256.HashData(RtmpHandshake.ServerKey.ToArray(), c1.AsSpan(c1Offset, 32).ToArray());
        byte[] expected = HMACSHA256.HashData(key, s2[..1504]);
        Assert.Equal(expected, s2[1504..]);
    }

    [Fact]
    public void Non_zero_version_without_a_valid_digest_falls_back_to_the_plain_echo()
    {
        byte[] c1 = FakeRtmpClient.CreateC1(digest: true);
        c1[100] ^= 0xFF;
        c1[900] ^= 0xFF;
        var response = new byte[RtmpHandshake.ResponseSize];
        Assert.False(RtmpHandshake.WriteResponse(c1, response, 0));
        Assert.Equal(c1, response[(1 + RtmpHandshake.PacketSize)..]);
    }

    [Fact]
    public void Keys_are_the_published_constants()
    {
        Assert.Equal(62, RtmpHandshake.ClientKey.Length);
        Assert.Equal(68, RtmpHandshake.ServerKey.Length);
        Assert.Equal("Genuine Adobe Flash Player 001"u8.ToArray(), RtmpHandshake.ClientKey[..30].ToArray());
        Assert.Equal("Genuine Adobe Flash Media Server 001"u8.ToArray(), RtmpHandshake.ServerKey[..36].ToArray());
        Assert.Equal(RtmpHandshake.ClientKey[30..].ToArray(), RtmpHandshake.ServerKey[36..].ToArray());
    }
}
