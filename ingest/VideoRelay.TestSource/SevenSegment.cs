namespace VideoRelay.TestSource;

/// <summary>
/// Blocky 7-segment digits drawn straight into a luma plane (no font library).
/// </summary>
/// <remarks>
/// <code>
///   aaaa
///  f    b
///  f    b
///   gggg
///  e    c
///  e    c
///   dddd
/// </code>
/// A glyph is <c>height / 2</c> wide with strokes <c>height / 8</c> thick; ':' and '.' are narrow.
/// </remarks>
internal static class SevenSegment
{
    // bit 0 = a … bit 6 = g
    private static ReadOnlySpan<byte> DigitSegments =>
    [
        0b0111111, // 0
        0b0000110, // 1
        0b1011011, // 2
        0b1001111, // 3
        0b1100110, // 4
        0b1101101, // 5
        0b1111101, // 6
        0b0000111, // 7
        0b1111111, // 8
        0b1101111, // 9
    ];

    /// <summary>Horizontal advance of a character at this glyph height (glyph plus spacing).</summary>
    public static int Advance(char c, int height) => c is ':' or '.' ? Math.Max(2, height / 4) : height / 2 + Math.Max(1, height / 6);

    /// <summary>Width in pixels of a string drawn at this height.</summary>
    public static int Measure(ReadOnlySpan<char> text, int height)
    {
        int w = 0;
        foreach (char c in text)
            w += Advance(c, height);
        return w;
    }

    /// <summary>Draws <paramref name="text"/> (digits, ':' and '.'; anything else is a blank) with its top-left at (x, y).</summary>
    public static void Draw(Span<byte> plane, int width, int height, int stride, int x, int y, int glyphHeight, ReadOnlySpan<char> text, byte value)
    {
        foreach (char c in text)
        {
            DrawChar(plane, width, height, stride, x, y, glyphHeight, c, value);
            x += Advance(c, glyphHeight);
        }
    }

    private static void DrawChar(Span<byte> p, int width, int height, int stride, int x, int y, int h, char c, byte value)
    {
        int t = Math.Max(1, h / 8);
        if (c == ':')
        {
            PlaneRect.Fill(p, width, height, stride, x, y + h / 4, t, t, value);
            PlaneRect.Fill(p, width, height, stride, x, y + 3 * h / 4 - t, t, t, value);
            return;
        }
        if (c == '.')
        {
            PlaneRect.Fill(p, width, height, stride, x, y + h - t, t, t, value);
            return;
        }
        if (c is < '0' or > '9')
            return;
        int segments = DigitSegments[c - '0'];
        int w = h / 2;
        int mid = y + (h - t) / 2;
        if ((segments & 0x01) != 0) PlaneRect.Fill(p, width, height, stride, x, y, w, t, value);               // a
        if ((segments & 0x02) != 0) PlaneRect.Fill(p, width, height, stride, x + w - t, y, t, h / 2, value);   // b
        if ((segments & 0x04) != 0) PlaneRect.Fill(p, width, height, stride, x + w - t, mid, t, h - (mid - y), value); // c
        if ((segments & 0x08) != 0) PlaneRect.Fill(p, width, height, stride, x, y + h - t, w, t, value);       // d
        if ((segments & 0x10) != 0) PlaneRect.Fill(p, width, height, stride, x, mid, t, h - (mid - y), value); // e
        if ((segments & 0x20) != 0) PlaneRect.Fill(p, width, height, stride, x, y, t, h / 2, value);           // f
        if ((segments & 0x40) != 0) PlaneRect.Fill(p, width, height, stride, x, mid, w, t, value);             // g
    }
}
