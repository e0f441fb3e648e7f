using CsCheck;
using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.WebRtc.Rtp.Tests.H264;

public sealed class H264PropertyTests
{
    private static readonly int[] NalTypes = [1, 5, 6, 7, 8, 9];

    /// <summary>Random NAL units: a type from the table's mix, 1 to 4,000 bytes.</summary>
    private static readonly Gen<byte[]> GenNal =
        Gen.Select(Gen.OneOf(NalTypes), Gen.Int[0, 3], Gen.Byte.Array[0, 4000])
            .Select((type, nri, body) => (byte[])[(byte)((nri << 5) | type), .. body]);

    /// <summary>Random access units seeded by the shared table: its parameter sets and budgets, random NALs.</summary>
    private static readonly Gen<H264Case> GenCase =
        Gen.Select(GenNal.Array[1, 6], Gen.Bool, Gen.OneOf(H264Cases.All), Gen.Int[3, 1500])
            .Select((nals, keyframe, seed, budget) => new H264Case(
                "random", nals, seed.Sps, seed.Pps, keyframe, Math.Min(budget, seed.MaxPayload + 100), []));

    [Fact]
    public void Random_access_units_roundtrip()
    {
        GenCase.Sample(c =>
        {
            var rt = new H264Roundtrip();
            rt.Prime();
            List<(byte[] Payload, bool Marker)> packets = H264Cases.Packetize(c);
            Assert.All(packets, p => Assert.InRange(p.Payload.Length, 1, c.MaxPayload));
            byte[]? au = rt.Feed(c);
            byte[] expected = c.ExpectedAccessUnit;
            if (expected.Length == 0)
            {
                Assert.Null(au);
            }
            else
            {
                Assert.Equal(expected, au);
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Depacketizer_never_throws_on_random_payloads()
    {
        Gen.Byte.Array[0, 1500].Array[1, 20].Sample(payloads =>
        {
            var d = new H264Depacketizer(new byte[2048]);
            ushort seq = 0;
            foreach (byte[] p in payloads)
            {
                d.Push(seq++, 0, (seq & 3) == 0, p);
            }
        }, iter: 500, threads: 1);
    }
}
