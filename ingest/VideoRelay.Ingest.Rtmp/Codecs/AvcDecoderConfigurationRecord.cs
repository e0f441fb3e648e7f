using System.Buffers.Binary;

namespace VideoRelay.Ingest.Rtmp.Codecs;

/// <summary>
/// The AVC sequence header of FLV/MP4 (ISO/IEC 14496-15 section 5.2.4.1): the first SPS and PPS and the
/// NAL length-prefix size used by the frames that follow.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +---------------+---------------+---------------+---------------+
/// | version = 1   | profile       | compatibility | level         |
/// +-----------+---+-----+---------+---------------+---------------+
/// | 111111    |LSM| 111 | numSPS  | SPS length (16)               |
/// +-----------+---+-----+---------+-------------------------------+
/// | SPS NAL unit …   (numSPS times: length + NAL)                  |
/// +---------------+-----------------------------------------------+
/// | numPPS        | PPS length (16), PPS NAL unit … (numPPS times) |
/// +---------------+-----------------------------------------------+
/// LSM = lengthSizeMinusOne (0, 1 or 3)
/// </code>
/// </remarks>
internal sealed class AvcDecoderConfigurationRecord
{
    private AvcDecoderConfigurationRecord(byte[] sps, byte[] pps, int nalLengthSize)
    {
        Sps = sps;
        Pps = pps;
        NalLengthSize = nalLengthSize;
    }

    public byte[] Sps { get; }
    public byte[] Pps { get; }

    /// <summary>Bytes of the length prefix of each NAL unit in the frames: 1, 2 or 4.</summary>
    public int NalLengthSize { get; }

    public static bool TryRead(ReadOnlySpan<byte> src, out AvcDecoderConfigurationRecord? record, out int consumed)
    {
        record = null;
        consumed = 0;
        if (src.Length < 7 || src[0] != 1)
        {
            return false;
        }
        int lengthSize = (src[4] & 0x03) + 1;
        if (lengthSize == 3)
        {
            return false;
        }
        int spsCount = src[5] & 0x1F;
        int pos = 6;
        Range sps = default;
        for (int i = 0; i < spsCount; i++)
        {
            if (!TryReadParameterSet(src, ref pos, out Range set))
            {
                return false;
            }
            if (i == 0)
            {
                sps = set;
            }
        }
        if (pos >= src.Length)
        {
            return false;
        }
        int ppsCount = src[pos++];
        Range pps = default;
        for (int i = 0; i < ppsCount; i++)
        {
            if (!TryReadParameterSet(src, ref pos, out Range set))
            {
                return false;
            }
            if (i == 0)
            {
                pps = set;
            }
        }
        if (spsCount == 0 || ppsCount == 0 || (src[sps][0] & 0x1F) != 7 || (src[pps][0] & 0x1F) != 8)
        {
            return false;
        }
        record = new AvcDecoderConfigurationRecord(src[sps].ToArray(), src[pps].ToArray(), lengthSize);
        consumed = pos; // high-profile trailing fields (chroma format, bit depths, SPS-ext) are left unread
        return true;
    }

    private static bool TryReadParameterSet(ReadOnlySpan<byte> src, ref int pos, out Range set)
    {
        set = default;
        if (src.Length - pos < 2)
        {
            return false;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(src.Slice(pos, 2));
        if (length == 0 || length > src.Length - pos - 2)
        {
            return false;
        }
        set = new Range(pos + 2, pos + 2 + length);
        pos += 2 + length;
        return true;
    }
}
