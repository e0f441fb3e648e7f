namespace VideoRelay.WebRtc.Rtp.Tests.H264;

/// <summary>The RFC 6184 case table shared by the packetizer, depacketizer and property tests.</summary>
public static class H264Cases
{
    public static readonly byte[] Sps = [0x67, 0x42, 0xC0, 0x1F, 0xDA, 0x01, 0x40, 0x16, 0xEC, 0x04, 0x40, 0x00, 0x00, 0x03, 0x00, 0x40, 0x00, 0x00, 0x0F, 0x03];
    public static readonly byte[] Pps = [0x68, 0xCE, 0x3C, 0x80];

    private const int Max = 1168;

    public static readonly H264Case[] All =
    [
        new("small P slice → one single-NAL packet",
            [H264Case.Nal(1, 100, nri: 2)], Sps, Pps, false, Max, ["NAL 1"]),
        new("SPS+PPS+small IDR → STAP-A then the IDR",
            [H264Case.Nal(5, 500)], Sps, Pps, true, Max, ["STAP-A", "NAL 5"]),
        new("SPS+PPS+large IDR → STAP-A then FU-A",
            [H264Case.Nal(5, 3000)], Sps, Pps, true, Max, ["STAP-A", "FU-A S 5", "FU-A 5", "FU-A E 5"]),
        new("NAL of exactly maxPayloadSize → single NAL",
            [H264Case.Nal(1, Max)], Sps, Pps, false, Max, ["NAL 1"]),
        new("NAL one byte over maxPayloadSize → two FU-A",
            [H264Case.Nal(1, Max + 1)], Sps, Pps, false, Max, ["FU-A S 1", "FU-A E 1"]),
        new("several NALs in one AU (SEI kept)",
            [H264Case.Nal(6, 40, nri: 0), H264Case.Nal(1, 800, seed: 1), H264Case.Nal(1, 2000, seed: 2)], Sps, Pps, false, Max,
            ["NAL 6", "NAL 1", "FU-A S 1", "FU-A E 1"]),
        new("AUD dropped",
            [H264Case.Nal(9, 2, nri: 0), H264Case.Nal(1, 300)], Sps, Pps, false, Max, ["NAL 1"]),
        new("keyframe without parameter sets → no STAP-A",
            [H264Case.Nal(5, 200)], [], [], true, Max, ["NAL 5"]),
        new("small budget: STAP-A then three fragments",
            [H264Case.Nal(5, 250)], Sps, Pps, true, 100, ["STAP-A", "FU-A S 5", "FU-A 5", "FU-A E 5"]),
        new("budget below the STAP-A: SPS and PPS sent alone",
            [H264Case.Nal(5, 60)], Sps, Pps, true, 20, ["NAL 7", "NAL 8", "FU-A S 5", "FU-A 5", "FU-A 5", "FU-A E 5"]),
        new("AUD + SEI + IDR slices with in-band SPS/PPS",
            [H264Case.Nal(9, 2, nri: 0), H264Case.Nal(7, 12), H264Case.Nal(8, 5), H264Case.Nal(6, 30, nri: 0),
             H264Case.Nal(5, 1500, seed: 1), H264Case.Nal(5, 900, seed: 2)], Sps, Pps, true, Max,
            ["STAP-A", "NAL 7", "NAL 8", "NAL 6", "FU-A S 5", "FU-A E 5", "NAL 5"]),
        new("SPS larger than the budget → fragmented like any NAL",
            [H264Case.Nal(5, 12)], Sps, Pps, true, 10, ["FU-A S 7", "FU-A 7", "FU-A E 7", "NAL 8", "FU-A S 5", "FU-A E 5"]),
        new("minimum budget of 3 bytes",
            [H264Case.Nal(1, 4)], [], [], false, 3, ["FU-A S 1", "FU-A 1", "FU-A E 1"]),
    ];

    public static TheoryData<H264Case> Data
    {
        get
        {
            var data = new TheoryData<H264Case>();
            foreach (H264Case c in All)
            {
                data.Add(c);
            }
            return data;
        }
    }

    /// <summary>Packetizes a case into (payload, marker) pairs.</summary>
    public static List<(byte[] Payload, bool Marker)> Packetize(H264Case c)
    {
        var result = new List<(byte[], bool)>();
        byte[] avcc = c.Avcc;
        var dst = new byte[c.MaxPayload];
        var it = new VideoRelay.WebRtc.Rtp.H264.H264PacketIterator(avcc, c.Sps, c.Pps, c.Keyframe, c.MaxPayload);
        while (it.TryNext(dst, out int written, out bool marker))
        {
            result.Add((dst[..written], marker));
        }
        Assert.Equal(VideoRelay.WebRtc.Rtp.H264.H264PacketizeStatus.Ok, it.Status);
        return result;
    }
}
