using System.Buffers.Binary;
using System.Security.Cryptography;
using VideoRelay.Core.Media;

namespace VideoRelay.Edge.Tests;

/// <summary>
/// Generated media to publish: H.264 access units in AVCC (4-byte lengths) whose NAL headers are valid (the
/// edge does not decode), each carrying its index so a receiver can tell which one it got; and Opus-like packets.
/// </summary>
internal static class TestMedia
{
    public static readonly byte[] Sps = [0x67, 0x42, 0xE0, 0x1F, 0xDA, 0x02, 0x80, 0xBF, 0xE5, 0x84, 0x00, 0x00, 0x03, 0x00, 0x04];
    public static readonly byte[] Pps = [0x68, 0xCE, 0x3C, 0x80];

    public static CodecConfig VideoConfig { get; } = new()
    {
        Codec = CodecId.H264, Sps = Sps, Pps = Pps, Width = 640, Height = 360, FrameRateMilli = 30000,
    };

    /// <summary>
    /// Access unit <paramref name="index"/>: an AUD, (keyframes) SPS + PPS in band too, an SEI, and one or more
    /// slices of sizes that exercise single-NAL packets and FU-A fragmentation.
    /// </summary>
    public static byte[] AccessUnit(int index, bool keyframe)
    {
        var nals = new List<byte[]> { new byte[] { 0x09, 0xF0 } }; // AUD: the packetizer drops it
        if (keyframe)
        {
            nals.Add(Sps);
            nals.Add(Pps);
        }
        nals.Add(Nal(0x06, index, 0, 20)); // SEI
        if (keyframe)
        {
            nals.Add(Nal(0x65, index, 1, 9000)); // IDR: 8 FU-A fragments
            nals.Add(Nal(0x65, index, 2, 3500));
        }
        else
        {
            int size = 200 + (index * 397 % 3000); // some fit one packet, some fragment
            nals.Add(Nal(0x41, index, 1, size));
            if (index % 3 == 0)
            {
                nals.Add(Nal(0x41, index, 2, 60));
            }
        }
        return Avcc(nals);
    }

    private static byte[] Nal(byte header, int index, int nalIndex, int size)
    {
        byte[] nal = new byte[size];
        RandomNumberGenerator.Fill(nal);
        nal[0] = header;
        BinaryPrimitives.WriteInt32BigEndian(nal.AsSpan(1), index);
        nal[5] = (byte)nalIndex;
        return nal;
    }

    public static byte[] Avcc(IEnumerable<byte[]> nals)
    {
        var ms = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (byte[] nal in nals)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, nal.Length);
            ms.Write(length);
            ms.Write(nal);
        }
        return ms.ToArray();
    }

    /// <summary>An Opus-like packet: TOC 0xFC (CELT FB 20 ms, stereo, one frame) + the index + filler.</summary>
    public static byte[] OpusPacket(int index)
    {
        byte[] p = new byte[60 + index % 40];
        RandomNumberGenerator.Fill(p);
        p[0] = 0xFC;
        BinaryPrimitives.WriteInt32BigEndian(p.AsSpan(1), index);
        return p;
    }

    /// <summary>The NAL units of an AVCC access unit.</summary>
    public static List<byte[]> SplitAvcc(ReadOnlySpan<byte> au)
    {
        var nals = new List<byte[]>();
        int o = 0;
        while (o + 4 <= au.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(au[o..]);
            if (length <= 0 || length > au.Length - o - 4)
            {
                throw new InvalidDataException($"bad AVCC length {length} at {o}");
            }
            nals.Add(au.Slice(o + 4, length).ToArray());
            o += 4 + length;
        }
        if (o != au.Length)
        {
            throw new InvalidDataException("trailing bytes after the last NAL unit");
        }
        return nals;
    }

    /// <summary>
    /// What must survive the edge byte for byte: every NAL but SPS, PPS (the packetizer adds them out of band
    /// before keyframes) and access-unit delimiters (dropped), in order, in AVCC.
    /// </summary>
    public static byte[] Comparable(ReadOnlySpan<byte> au) =>
        Avcc(SplitAvcc(au).Where(n => (n[0] & 0x1F) is not (7 or 8 or 9)));

    /// <summary>A received access unit holds SPS and PPS first when it is a keyframe (the STAP-A).</summary>
    public static bool StartsWithParameterSets(ReadOnlySpan<byte> au)
    {
        List<byte[]> nals = SplitAvcc(au);
        return nals.Count >= 2 && (nals[0][0] & 0x1F) == 7 && (nals[1][0] & 0x1F) == 8;
    }
}
