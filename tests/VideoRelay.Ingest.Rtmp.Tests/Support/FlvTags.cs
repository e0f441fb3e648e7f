using System.Buffers.Binary;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>Builds FLV tag bodies (RTMP audio/video message payloads) for tests.</summary>
internal static class FlvTags
{
    public static byte[] AvcSequenceHeader(byte[] sps, byte[] pps, int nalLengthSize = 4)
    {
        var b = new List<byte> { 0x17, 0, 0, 0, 0, 1, sps[1], sps[2], sps[3], (byte)(0xFC | (nalLengthSize - 1)), 0xE1 };
        b.Add((byte)(sps.Length >> 8));
        b.Add((byte)sps.Length);
        b.AddRange(sps);
        b.Add(1);
        b.Add((byte)(pps.Length >> 8));
        b.Add((byte)pps.Length);
        b.AddRange(pps);
        return [.. b];
    }

    public static byte[] AvcFrame(bool key, int compositionTimeMs, int nalLengthSize, params byte[][] nals)
    {
        var b = new List<byte> { (byte)(key ? 0x17 : 0x27), 1, (byte)(compositionTimeMs >> 16), (byte)(compositionTimeMs >> 8), (byte)compositionTimeMs };
        foreach (byte[] nal in nals)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, nal.Length);
            b.AddRange(length.AsSpan(4 - nalLengthSize).ToArray());
            b.AddRange(nal);
        }
        return [.. b];
    }

    public static byte[] AacSequenceHeader(params byte[] asc) => [0xAF, 0, .. asc];

    public static byte[] AacFrame(params byte[] raw) => [0xAF, 1, .. raw];
}
