namespace VideoRelay.Edge.Tests;

/// <summary>Splits an H.264 Annex B elementary stream into access units (AVCC, 4-byte lengths), for test input.</summary>
internal static class AnnexB
{
    public static List<(byte[] Au, bool Key)> SplitAccessUnits(byte[] stream)
    {
        var units = new List<(byte[] Au, bool Key)>();
        var current = new List<byte[]>();
        bool sawSlice = false;
        bool key = false;
        foreach (byte[] nal in Nals(stream))
        {
            int type = nal[0] & 0x1F;
            bool slice = type is 1 or 5;
            // A new access unit starts at a non-VCL NAL (AUD, SPS, PPS, SEI) after a slice, or at a slice whose
            // first_mb_in_slice is 0 (ue(v) "1" bit first) after a slice (RFC-free heuristic, enough for x264).
            bool starts = sawSlice && ((!slice && type is 6 or 7 or 8 or 9) || (slice && nal.Length > 1 && (nal[1] & 0x80) != 0));
            if (starts)
            {
                units.Add((TestMedia.Avcc(current), key));
                current = [];
                sawSlice = false;
                key = false;
            }
            current.Add(nal);
            sawSlice |= slice;
            key |= type == 5;
        }
        if (current.Count > 0 && sawSlice)
        {
            units.Add((TestMedia.Avcc(current), key));
        }
        return units;
    }

    private static IEnumerable<byte[]> Nals(byte[] s)
    {
        int start = -1;
        int i = 0;
        while (i + 3 <= s.Length)
        {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1)
            {
                if (start >= 0)
                {
                    int end = i;
                    while (end > start && s[end - 1] == 0)
                    {
                        end--; // the zero of a 4-byte start code (or trailing_zero_8bits)
                    }
                    yield return s[start..end];
                }
                i += 3;
                start = i;
                continue;
            }
            i++;
        }
        if (start >= 0 && start < s.Length)
        {
            yield return s[start..];
        }
    }
}
