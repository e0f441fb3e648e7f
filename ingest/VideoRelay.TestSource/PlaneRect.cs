namespace VideoRelay.TestSource;

/// <summary>Clipped rectangle fills on one 8-bit plane.</summary>
internal static class PlaneRect
{
    public static void Fill(Span<byte> plane, int width, int height, int stride, int x, int y, int w, int h, byte value)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(width, x + w), y1 = Math.Min(height, y + h);
        if (x1 <= x0 || y1 <= y0)
            return;
        for (int row = y0; row < y1; row++)
            plane.Slice(row * stride + x0, x1 - x0).Fill(value);
    }
}
