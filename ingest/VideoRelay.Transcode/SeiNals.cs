using System.Buffers.Binary;

namespace VideoRelay.Transcode;

/// <summary>Finds the SEI NAL units (type 6) of an AVCC access unit.</summary>
internal static class SeiNals
{
    /// <summary>
    /// Copies every SEI NAL unit of <paramref name="accessUnit"/> (with its 4-byte length) into
    /// <paramref name="destination"/>; returns the bytes written. SEI units that do not fit are skipped
    /// and counted in <paramref name="skipped"/>. Stops at a malformed length (the decoder reports it).
    /// </summary>
    public static int Copy(ReadOnlySpan<byte> accessUnit, Span<byte> destination, out int skipped)
    {
        int written = 0;
        skipped = 0;
        int pos = 0;
        while (accessUnit.Length - pos >= 5)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(accessUnit[pos..]);
            if (length == 0 || length > (uint)(accessUnit.Length - pos - 4))
            {
                break;
            }
            int unit = 4 + (int)length;
            if ((accessUnit[pos + 4] & 0x1f) == 6)
            {
                if (unit <= destination.Length - written)
                {
                    accessUnit.Slice(pos, unit).CopyTo(destination[written..]);
                    written += unit;
                }
                else
                {
                    skipped++;
                }
            }
            pos += unit;
        }
        return written;
    }
}
