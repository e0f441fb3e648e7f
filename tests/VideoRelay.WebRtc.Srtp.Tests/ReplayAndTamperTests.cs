namespace VideoRelay.WebRtc.Srtp.Tests;

public sealed class ReplayAndTamperTests
{
    private static byte[] Protect(SrtpContext sender, ushort seq, uint ssrc = 0x11223344)
    {
        byte[] rtp = RtpPackets.Rtp(seq, ssrc, payloadLength: 40);
        byte[] srtp = new byte[rtp.Length + sender.Parameters.RtpOverhead];
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out _));
        return srtp;
    }

    private static SrtpStatus Unprotect(SrtpContext receiver, byte[] srtp) =>
        receiver.UnprotectRtp(srtp, new byte[srtp.Length], out _);

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Replayed_rtp_packet_is_refused(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] first = Protect(sender, 100);

        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, first));
        Assert.Equal(SrtpStatus.Replay, Unprotect(receiver, first));
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Tampered_payload_header_or_tag_fails_authentication_and_changes_no_state(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] good = Protect(sender, 500);
        foreach (int at in new[] { 1, 13, 30, good.Length - 1 })
        {
            byte[] bad = (byte[])good.Clone();
            bad[at] ^= 0x01;
            Assert.Equal(SrtpStatus.AuthFailed, Unprotect(receiver, bad));
        }

        Assert.Equal(0, receiver.StreamCount);
        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, good));
    }

    [Fact]
    public void Forged_jump_does_not_move_the_rollover_counter()
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, Protect(sender, 40000)));
        byte[] forged = Protect(sender, 100); // estimated as ROC + 1
        forged[^1] ^= 0xFF;

        Assert.Equal(SrtpStatus.AuthFailed, Unprotect(receiver, forged));

        Assert.True(receiver.TryGetHighestIndex(0x11223344, send: false, out ulong highest));
        Assert.Equal(40000UL, highest);
        Assert.True(receiver.TryGetRolloverCounter(0x11223344, send: false, out uint roc));
        Assert.Equal(0u, roc);
        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, Protect(sender, 40001)));
    }

    [Fact]
    public void Out_of_order_within_the_window_is_accepted_once_and_older_than_128_is_refused()
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.AeadAes128Gcm);
        var packets = new Dictionary<ushort, byte[]>();
        for (ushort seq = 1000; seq < 1200; seq++)
        {
            packets[seq] = Protect(sender, seq);
        }

        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, packets[1199]));
        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, packets[1199 - 127]));
        Assert.Equal(SrtpStatus.Replay, Unprotect(receiver, packets[1199 - 127]));
        Assert.Equal(SrtpStatus.Replay, Unprotect(receiver, packets[1199 - 128]));
        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, packets[1150]));
        Assert.Equal(SrtpStatus.Ok, Unprotect(receiver, packets[1198]));
        Assert.Equal(SrtpStatus.Replay, Unprotect(receiver, packets[1150]));
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Srtcp_replay_and_tamper_are_refused(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtcp = RtpPackets.Rtcp();
        byte[] first = new byte[rtcp.Length + sender.Parameters.RtcpOverhead];
        byte[] second = new byte[first.Length];
        sender.ProtectRtcp(rtcp, first, out _);
        sender.ProtectRtcp(rtcp, second, out _);
        byte[] sink = new byte[first.Length];

        byte[] tampered = (byte[])second.Clone();
        tampered[12] ^= 4;
        Assert.Equal(SrtpStatus.AuthFailed, receiver.UnprotectRtcp(tampered, sink, out _));
        byte[] indexTampered = (byte[])second.Clone();
        indexTampered[sender.Parameters.IsAead ? ^1 : ^(sender.Parameters.RtcpTagLength + 1)] ^= 8;
        Assert.Equal(SrtpStatus.AuthFailed, receiver.UnprotectRtcp(indexTampered, sink, out _));

        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(second, sink, out _));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(first, sink, out _));
        Assert.Equal(SrtpStatus.Replay, receiver.UnprotectRtcp(first, sink, out _));
        Assert.Equal(SrtpStatus.Replay, receiver.UnprotectRtcp(second, sink, out _));
    }

    [Fact]
    public void Wrong_key_fails_authentication()
    {
        using var sender = new SrtpContext(TestContexts.MasterKey(SrtpProfile.Aes128CmHmacSha1_80, seed: 1));
        using var receiver = new SrtpContext(TestContexts.MasterKey(SrtpProfile.Aes128CmHmacSha1_80, seed: 2));

        Assert.Equal(SrtpStatus.AuthFailed, Unprotect(receiver, Protect(sender, 1)));
    }

    [Fact]
    public void Gcm_srtcp_with_e_bit_clear_is_authenticated_but_not_decrypted()
    {
        // Built by hand (we never send E = 0): the whole RTCP packet plus E/index is AAD.
        byte[] key = Hex.Bytes("000102030405060708090a0b0c0d0e0f");
        byte[] salt = Hex.Bytes("517569642070726f2071756f");
        byte[] rtcp = RtpPackets.Rtcp(0x4d617273);
        byte[] nonce = (byte[])salt.Clone();
        byte[] ivPart = Hex.Bytes("00004d617273000000000007");
        for (int i = 0; i < 12; i++)
        {
            nonce[i] ^= ivPart[i];
        }

        byte[] aad = [.. rtcp, 0x00, 0x00, 0x00, 0x07];
        byte[] tag = new byte[16];
        using (var gcm = new System.Security.Cryptography.AesGcm(key, 16))
        {
            gcm.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, aad);
        }

        byte[] srtcp = [.. rtcp, .. tag, 0x00, 0x00, 0x00, 0x07];
        using SrtpContext receiver = TestContexts.FromSessionKeys(SrtpProfile.AeadAes128Gcm, "000102030405060708090a0b0c0d0e0f", "517569642070726f2071756f");
        byte[] back = new byte[rtcp.Length];

        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(srtcp, back, out int written));
        Assert.Equal(Hex.String(rtcp), Hex.String(back.AsSpan(0, written)));
        srtcp[10] ^= 1;
        Assert.Equal(SrtpStatus.Replay, receiver.UnprotectRtcp(srtcp, back, out _));
        srtcp[^1] = 8;
        Assert.Equal(SrtpStatus.AuthFailed, receiver.UnprotectRtcp(srtcp, back, out _));
    }
}
