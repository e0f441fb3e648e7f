using System.Buffers.Binary;
using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.WebRtc.Rtp.Tests.H264;

/// <summary>
/// One RFC 6184 packetization case: an access unit (as NAL list), parameter sets, keyframe flag, payload
/// budget, and the payloads expected on the wire, described as "STAP-A", "NAL t", "FU-A S t", "FU-A t", "FU-A E t".
/// </summary>
public sealed record H264Case(
    string Name,
    byte[][] Nals,
    byte[] Sps,
    byte[] Pps,
    bool Keyframe,
    int MaxPayload,
    string[] ExpectedPackets)
{
    public override string ToString() => Name;

    /// <summary>The access unit in AVCC form (4-byte big-endian length before each NAL).</summary>
    public byte[] Avcc => ToAvcc(Nals);

    /// <summary>What the depacketizer must give back: SPS+PPS first when sent in a STAP-A, then the NALs minus AUDs.</summary>
    public byte[] ExpectedAccessUnit
    {
        get
        {
            var nals = new List<byte[]>();
            if (Keyframe && Sps.Length > 0 && Pps.Length > 0)
            {
                nals.Add(Sps);
                nals.Add(Pps);
            }
            nals.AddRange(Nals.Where(n => n.Length > 0 && H264NalType.Of(n[0]) != H264NalType.AccessUnitDelimiter));
            return ToAvcc(nals);
        }
    }

    public static byte[] ToAvcc(IEnumerable<byte[]> nals)
    {
        var ms = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        foreach (byte[] nal in nals)
        {
            BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)nal.Length);
            ms.Write(prefix);
            ms.Write(nal);
        }
        return ms.ToArray();
    }

    /// <summary>A NAL of <paramref name="size"/> bytes (header included) with deterministic content.</summary>
    public static byte[] Nal(int type, int size, int nri = 3, int seed = 0)
    {
        var nal = new byte[size];
        new Random(seed * 7919 + type * 31 + size).NextBytes(nal);
        nal[0] = (byte)((nri << 5) | type);
        return nal;
    }

    /// <summary>Describes a payload the way <see cref="ExpectedPackets"/> does.</summary>
    public static string Describe(ReadOnlySpan<byte> payload)
    {
        int type = H264NalType.Of(payload[0]);
        if (type == H264NalType.StapA)
        {
            return "STAP-A";
        }
        if (type == H264NalType.FuA)
        {
            string se = (payload[1] & 0xC0) switch { 0x80 => "S ", 0x40 => "E ", _ => "" };
            return $"FU-A {se}{payload[1] & 0x1F}";
        }
        return $"NAL {type}";
    }
}
