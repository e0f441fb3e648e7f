using System.Runtime.CompilerServices;

namespace VideoRelay.TestSource;

/// <summary>
/// The visual timecode: the capture time drawn into the picture as a 2 × 24 band of black/white cells in the
/// top-left corner, so latency can be measured on the very pixels a viewer sees (through any transcoder).
/// </summary>
/// <remarks>
/// The 48-bit code word (shared with <c>player-web/timecode.js</c> — the two must agree):
/// <code>
///  47      42 41                                              0
/// +----------+-------------------------------------------------+
/// | checksum |        capture Unix time in ms (42 bits)         |
/// +----------+-------------------------------------------------+
/// checksum = (sum of the seven 6-bit groups of the 42-bit value) mod 64
/// </code>
/// Layout: cell = floor(width / 24) px square; row 0 holds bits 47..24, row 1 bits 23..0, most significant bit
/// at the left; 1 = white (luma 235), 0 = black (luma 16).
/// <code>
///  x:  0    c    2c         23c  24c
///     +----+----+--- ... ---+----+
///     | 47 | 46 |           | 24 |   row 0, y = 0 .. c-1
///     +----+----+--- ... ---+----+
///     | 23 | 22 |           |  0 |   row 1, y = c .. 2c-1
///     +----+----+--- ... ---+----+
/// </code>
/// The reader samples a small square at the centre of each cell, thresholds at the midpoint of the darkest and
/// brightest cell, and accepts only when the checksum matches. A frame scaled down by a transcoder keeps the band
/// of its source width, whose cell pitch is close to width / 24 rather than floor(width / 24); the reader tries
/// both pitches, the checksum telling which one is right.
/// </remarks>
public static class Timecode
{
    public const int Columns = 24;
    public const int Rows = 2;
    public const int Bits = 48;
    public const int ValueBits = 42;
    public const long ValueMask = (1L << ValueBits) - 1;
    public const byte White = 235;
    public const byte Black = 16;

    /// <summary>Smallest luma contrast between the darkest and brightest cell for a read to be trusted.</summary>
    private const int MinContrast = 48;

    /// <summary>Cell edge in pixels for a frame of this width.</summary>
    public static int CellSize(int width) => width / Columns;

    /// <summary>Height in pixels of the band (two cells).</summary>
    public static int BandHeight(int width) => Rows * CellSize(width);

    /// <summary>The 6-bit checksum of a 42-bit value: the sum of its seven 6-bit groups, mod 64.</summary>
    public static int Checksum(long value)
    {
        value &= ValueMask;
        int sum = 0;
        for (int i = 0; i < 7; i++)
        {
            sum += (int)(value & 0x3F);
            value >>= 6;
        }
        return sum & 0x3F;
    }

    /// <summary>The 48-bit code word for <paramref name="unixMs"/> (its low 42 bits, plus the checksum).</summary>
    public static long Encode(long unixMs)
    {
        long value = unixMs & ValueMask;
        return ((long)Checksum(value) << ValueBits) | value;
    }

    /// <summary>Checks a 48-bit word's checksum and returns its 42-bit value.</summary>
    public static bool TryDecode(long word, out long value)
    {
        value = word & ValueMask;
        return ((word >> ValueBits) & 0x3F) == Checksum(value);
    }

    /// <summary>
    /// Restores the full Unix ms from a 42-bit value, picking the candidate nearest to <paramref name="nearUnixMs"/>
    /// (42 bits wrap every ~139 years, so any clock within decades picks the right one).
    /// </summary>
    public static long Unwrap(long value, long nearUnixMs)
    {
        long period = 1L << ValueBits;
        long candidate = (nearUnixMs & ~ValueMask) | (value & ValueMask);
        if (candidate - nearUnixMs > period / 2) candidate -= period;
        else if (nearUnixMs - candidate > period / 2) candidate += period;
        return candidate;
    }

    /// <summary>Draws the band for <paramref name="unixMs"/> into a luma plane.</summary>
    /// <returns>false (nothing drawn) when the plane is too small to hold the band.</returns>
    public static bool Draw(Span<byte> luma, int width, int height, int stride, long unixMs)
    {
        int cell = CellSize(width);
        if (cell < 1 || height < Rows * cell || stride < width || luma.Length < (Rows * cell - 1) * stride + width)
            return false;
        long word = Encode(unixMs);
        for (int row = 0; row < Rows; row++)
        {
            for (int y = row * cell; y < (row + 1) * cell; y++)
            {
                Span<byte> line = luma.Slice(y * stride, Columns * cell);
                for (int col = 0; col < Columns; col++)
                {
                    int bit = Bits - 1 - (row * Columns + col);
                    line.Slice(col * cell, cell).Fill(((word >> bit) & 1) != 0 ? White : Black);
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Reads the band from a luma plane. <paramref name="unixMs"/> is the full Unix ms, unwrapped against the
    /// local clock.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> luma, int width, int height, int stride, out long unixMs) =>
        TryRead(luma, width, height, stride, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out unixMs);

    /// <summary>Reads the band, unwrapping the 42-bit value against <paramref name="nearUnixMs"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> luma, int width, int height, int stride, long nearUnixMs, out long unixMs)
    {
        unixMs = 0;
        if (width < Columns || stride < width || height < 2 || luma.Length < (height - 1) * stride + width)
            return false;
        double floorPitch = CellSize(width);
        double exactPitch = width / (double)Columns;
        if (TryReadWithPitch(luma, width, height, stride, floorPitch, out long value) ||
            (exactPitch - floorPitch > 0.01 && TryReadWithPitch(luma, width, height, stride, exactPitch, out value)))
        {
            unixMs = Unwrap(value, nearUnixMs);
            return true;
        }
        return false;
    }

    private static bool TryReadWithPitch(ReadOnlySpan<byte> luma, int width, int height, int stride, double pitch, out long value)
    {
        value = 0;
        if (Rows * pitch > height + 0.5)
            return false;
        Span<int> samples = stackalloc int[Bits];
        int half = Math.Max(0, (int)(pitch / 8)); // sample (2·half+1)² pixels around the centre: a quarter of the cell
        int min = int.MaxValue, max = int.MinValue;
        for (int i = 0; i < Bits; i++)
        {
            int cx = (int)(((i % Columns) + 0.5) * pitch);
            int cy = (int)(((i / Columns) + 0.5) * pitch);
            int s = SampleSquare(luma, width, height, stride, cx, cy, half);
            samples[i] = s;
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }
        if (max - min < MinContrast)
            return false;
        int threshold = (min + max) / 2;
        long word = 0;
        for (int i = 0; i < Bits; i++)
            word = (word << 1) | (samples[i] > threshold ? 1L : 0L);
        return TryDecode(word, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SampleSquare(ReadOnlySpan<byte> luma, int width, int height, int stride, int cx, int cy, int half)
    {
        int x0 = Math.Max(0, cx - half), x1 = Math.Min(width - 1, cx + half);
        int y0 = Math.Max(0, cy - half), y1 = Math.Min(height - 1, cy + half);
        int sum = 0, n = 0;
        for (int y = y0; y <= y1; y++)
        {
            ReadOnlySpan<byte> line = luma.Slice(y * stride + x0, x1 - x0 + 1);
            foreach (byte b in line)
                sum += b;
            n += line.Length;
        }
        return sum / n;
    }
}
