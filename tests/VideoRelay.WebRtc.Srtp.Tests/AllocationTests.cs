namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>Steady state allocates nothing: 10,000 packets each way after a warm-up.</summary>
public sealed class AllocationTests
{
    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Protect_and_unprotect_of_10000_rtp_and_rtcp_packets_allocate_nothing(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtp = RtpPackets.Rtp(0, ssrc: 42, extensionWords: 1, payloadLength: 1100);
        byte[] rtcp = RtpPackets.Rtcp(43);
        byte[] wire = new byte[rtp.Length + 32];
        byte[] plain = new byte[rtp.Length + 32];
        ushort seq = 60000;
        Run(2_000);

        // Steady state: a window in which the JIT's tier-up (which allocates on this thread when it lands in the
        // middle of a loop on a busy machine) has finished. At most three windows; the last must allocate nothing.
        long allocated = -1;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(10_000);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0L, allocated);

        void Run(int count)
        {
            for (int i = 0; i < count; i++)
            {
                rtp[2] = (byte)(seq >> 8);
                rtp[3] = (byte)seq;
                seq++;
                if (sender.ProtectRtp(rtp, wire, out int written) != SrtpStatus.Ok
                    || receiver.UnprotectRtp(wire.AsSpan(0, written), plain, out _) != SrtpStatus.Ok
                    || sender.ProtectRtcp(rtcp, wire, out written) != SrtpStatus.Ok
                    || receiver.UnprotectRtcpInPlace(wire.AsSpan(0, written), out _) != SrtpStatus.Ok)
                {
                    Assert.Fail($"packet {i} failed");
                }
            }
        }
    }
}
