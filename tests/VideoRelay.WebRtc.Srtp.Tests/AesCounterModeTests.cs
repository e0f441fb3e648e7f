using VideoRelay.WebRtc.Srtp.Internal;

namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>RFC 3711 Appendix B.2: AES-CM keystream.</summary>
public sealed class AesCounterModeTests
{
    private const string SessionKey = "2B7E151628AED2A6ABF7158809CF4F3C";
    private const string SessionSalt = "F0F1F2F3F4F5F6F7F8F9FAFBFCFD";

    [Fact]
    public void Rfc3711_B2_keystream_first_and_last_blocks_of_the_segment()
    {
        using var ctr = new AesCounterMode(Hex.Bytes(SessionKey));
        byte[] zeros = new byte[0xFF02 * 16];
        byte[] stream = new byte[zeros.Length];

        ctr.Transform(0xF0F1F2F3F4F5F6F7, 0xF8F9FAFBFCFD0000, zeros, stream);

        Assert.Equal("e03ead0935c95e80e166b16dd92b4eb4", Hex.String(stream.AsSpan(0x0000 * 16, 16)));
        Assert.Equal("d23513162b02d0f72a43a2fe4a5f97ab", Hex.String(stream.AsSpan(0x0001 * 16, 16)));
        Assert.Equal("41e95b3bb0a2e8dd477901e4fca894c0", Hex.String(stream.AsSpan(0x0002 * 16, 16)));
        Assert.Equal("ec8cdf7398607cb0f2d21675ea9ea1e4", Hex.String(stream.AsSpan(0xFEFF * 16, 16)));
        Assert.Equal("362b7c3c6773516318a077d7fc5073ae", Hex.String(stream.AsSpan(0xFF00 * 16, 16)));
        Assert.Equal("6a2cc3787889374fbeb4c81b17ba6c44", Hex.String(stream.AsSpan(0xFF01 * 16, 16)));
    }

    [Fact]
    public void Rfc3711_B2_through_a_whole_rtp_packet_with_ssrc_and_index_zero()
    {
        using SrtpContext context = TestContexts.FromSessionKeys(SrtpProfile.Aes128CmHmacSha1_80, SessionKey, SessionSalt);
        byte[] rtp = new byte[12 + 48];
        rtp[0] = 0x80;
        byte[] srtp = new byte[rtp.Length + 10];

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(rtp, srtp, out int written));

        Assert.Equal(70, written);
        Assert.Equal(
            "e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab41e95b3bb0a2e8dd477901e4fca894c0",
            Hex.String(srtp.AsSpan(12, 48)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1023)]
    [InlineData(1025)]
    [InlineData(3000)]
    public void Odd_lengths_and_runs_match_block_by_block_keystream(int length)
    {
        using var ctr = new AesCounterMode(Hex.Bytes(SessionKey));
        byte[] whole = new byte[3008];
        ctr.Transform(0x0102030405060708, 0x1112131415160000, new byte[3008], whole);
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        byte[] expected = data.Select((b, i) => (byte)(b ^ whole[i])).ToArray();

        ctr.Transform(0x0102030405060708, 0x1112131415160000, data, data);

        Assert.Equal(expected, data);
    }
}
