using System.Buffers.Binary;

namespace VideoRelay.Transcode.Tests;

/// <summary>Test helpers: Annex B → access units in AVCC form, and walking AVCC NAL units.</summary>
internal static class H264Bitstream
{
    /// <summary>Splits an Annex B byte stream into NAL units (no start codes).</summary>
    public static List<byte[]> SplitAnnexB(ReadOnlySpan<byte> data)
    {
        List<byte[]> nals = [];
        int start = -1;
        int i = 0;
        while (i + 3 <= data.Length)
        {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1)
            {
                if (start >= 0)
                {
                    nals.Add(Trim(data[start..i]));
                }
                i += 3;
                start = i;
                continue;
            }
            i++;
        }
        if (start >= 0)
        {
            nals.Add(Trim(data[start..]));
        }
        return nals.Where(n => n.Length > 0).ToList();

        static byte[] Trim(ReadOnlySpan<byte> nal)
        {
            int n = nal.Length;
            while (n > 0 && nal[n - 1] == 0)
            {
                n--;
            }
            return nal[..n].ToArray();
        }
    }

    /// <summary>Groups NAL units into access units: a new one starts at an AUD or parameter set/SEI after a slice, or a slice with first_mb_in_slice = 0.</summary>
    public static List<List<byte[]>> GroupAccessUnits(List<byte[]> nals)
    {
        List<List<byte[]>> units = [];
        List<byte[]> current = [];
        bool hasSlice = false;
        foreach (byte[] nal in nals)
        {
            int type = nal[0] & 0x1f;
            bool vcl = type is >= 1 and <= 5;
            bool firstSlice = vcl && nal.Length > 1 && (nal[1] & 0x80) != 0;
            bool startsNew = hasSlice && (type is 6 or 7 or 8 or 9 || firstSlice);
            if (startsNew)
            {
                units.Add(current);
                current = [];
                hasSlice = false;
            }
            current.Add(nal);
            hasSlice |= vcl;
        }
        if (current.Count > 0)
        {
            units.Add(current);
        }
        return units;
    }

    /// <summary>NAL units → AVCC bytes (4-byte big-endian lengths).</summary>
    public static byte[] ToAvcc(IEnumerable<byte[]> nals)
    {
        using MemoryStream ms = new();
        Span<byte> len = stackalloc byte[4];
        foreach (byte[] nal in nals)
        {
            BinaryPrimitives.WriteUInt32BigEndian(len, (uint)nal.Length);
            ms.Write(len);
            ms.Write(nal);
        }
        return ms.ToArray();
    }

    /// <summary>The NAL units of an AVCC access unit.</summary>
    public static List<byte[]> SplitAvcc(ReadOnlySpan<byte> avcc)
    {
        List<byte[]> nals = [];
        int pos = 0;
        while (pos + 4 <= avcc.Length)
        {
            int n = (int)BinaryPrimitives.ReadUInt32BigEndian(avcc[pos..]);
            Assert.InRange(n, 1, avcc.Length - pos - 4);
            nals.Add(avcc.Slice(pos + 4, n).ToArray());
            pos += 4 + n;
        }
        Assert.Equal(avcc.Length, pos);
        return nals;
    }

    /// <summary>A user_data_unregistered SEI NAL carrying <paramref name="marker"/> (8 bytes) after a 16-byte UUID.</summary>
    public static byte[] MakeSei(long marker)
    {
        byte[] nal = new byte[1 + 1 + 1 + 16 + 8 + 1];
        nal[0] = 0x06;
        nal[1] = 5;          // payload type: user_data_unregistered
        nal[2] = 16 + 8;     // payload size
        for (int i = 0; i < 16; i++)
        {
            nal[3 + i] = (byte)(0xA0 + i);
        }
        // Keep bytes non-zero so no emulation prevention is needed.
        for (int i = 0; i < 8; i++)
        {
            nal[19 + i] = (byte)(0x10 | ((marker >> (4 * i)) & 0x0f));
        }
        nal[^1] = 0x80;      // rbsp trailing bits
        return nal;
    }
}
