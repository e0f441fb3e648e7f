using System.Globalization;

namespace VideoRelay.TestSource;

/// <summary>
/// Draws the test-source picture into caller-provided I420 (yuv420p, BT.601 limited range) planes: colour bars, a
/// grey ramp, a box that moves every frame, a large frame counter, the wall time in 7-segment digits and the
/// <see cref="Timecode"/> band in the top-left corner. No allocation per frame.
/// </summary>
/// <remarks>
/// <code>
/// +------------------------------------------------+
/// | timecode band (2 × 24 cells, cell = W/24)      |
/// |  000123          (frame counter, H/6 tall)     |
/// |  21:33:22.417    (UTC wall time, H/12 tall)    |
/// |------------------------------------------------|
/// |  colour bars  W  Y  C  G  M  R  B     [box]→   |
/// |------------------------------------------------|
/// |  grey ramp 16 → 235                            |
/// +------------------------------------------------+
/// </code>
/// </remarks>
public sealed class TestPatternGenerator
{
    // 75 % colour bars, BT.601 limited range: white, yellow, cyan, green, magenta, red, blue.
    private static ReadOnlySpan<byte> BarY => [180, 162, 131, 112, 84, 65, 35];
    private static ReadOnlySpan<byte> BarU => [128, 44, 156, 72, 184, 100, 212];
    private static ReadOnlySpan<byte> BarV => [128, 142, 44, 58, 198, 212, 114];

    private readonly byte[] _barRowY;
    private readonly byte[] _barRowU;
    private readonly byte[] _barRowV;
    private readonly byte[] _rampRow;
    private readonly int _panelHeight;
    private readonly int _counterHeight;
    private readonly int _clockHeight;
    private readonly int _rampTop;
    private readonly int _boxSize;

    public TestPatternGenerator(int width, int height)
    {
        if (width < 48 || height < 32 || (width & 1) != 0 || (height & 1) != 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: need even dimensions of at least 48x32");
        Width = width;
        Height = height;

        _barRowY = new byte[width];
        _barRowU = new byte[width / 2];
        _barRowV = new byte[width / 2];
        _rampRow = new byte[width];
        for (int x = 0; x < width; x++)
        {
            int bar = x * BarY.Length / width;
            _barRowY[x] = BarY[bar];
            _rampRow[x] = (byte)(Timecode.Black + (Timecode.White - Timecode.Black) * x / (width - 1));
        }
        for (int x = 0; x < width / 2; x++)
        {
            int bar = 2 * x * BarY.Length / width;
            _barRowU[x] = BarU[bar];
            _barRowV[x] = BarV[bar];
        }

        int cell = Timecode.CellSize(width);
        _counterHeight = Math.Max(8, height / 6) & ~1;
        _clockHeight = Math.Max(8, height / 12) & ~1;
        int gap = Math.Max(2, cell / 2);
        _panelHeight = Math.Min(height, (2 * cell + gap + _counterHeight + gap + _clockHeight + gap + 1) & ~1);
        _rampTop = Math.Max(_panelHeight, height - height / 8) & ~1;
        _boxSize = Math.Max(4, Math.Min((_rampTop - _panelHeight) * 2 / 3, height / 5)) & ~1;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Bytes of one contiguous I420 frame (Y, then U, then V; no padding).</summary>
    public int FrameSize => Width * Height * 3 / 2;

    /// <summary>Renders one frame into a contiguous I420 buffer of at least <see cref="FrameSize"/> bytes.</summary>
    public void Render(Span<byte> i420, long frameIndex, long captureUnixMs)
    {
        if (i420.Length < FrameSize)
            throw new ArgumentException($"need {FrameSize} bytes, got {i420.Length}", nameof(i420));
        int ySize = Width * Height, cSize = ySize / 4;
        Render(i420[..ySize], Width, i420.Slice(ySize, cSize), Width / 2, i420.Slice(ySize + cSize, cSize), Width / 2,
            frameIndex, captureUnixMs);
    }

    /// <summary>Renders one frame into separate planes (e.g. an AVFrame's), each with its own stride.</summary>
    public void Render(Span<byte> y, int yStride, Span<byte> u, int uStride, Span<byte> v, int vStride, long frameIndex, long captureUnixMs)
    {
        int w = Width, h = Height, cw = w / 2, ch = h / 2;
        if (yStride < w || uStride < cw || vStride < cw ||
            y.Length < (h - 1) * yStride + w || u.Length < (ch - 1) * uStride + cw || v.Length < (ch - 1) * vStride + cw)
            throw new ArgumentException("planes too small for the frame size");

        // Background: black panel on top, colour bars, grey ramp at the bottom.
        for (int row = 0; row < h; row++)
        {
            Span<byte> line = y.Slice(row * yStride, w);
            if (row < _panelHeight) line.Fill(Timecode.Black);
            else if (row < _rampTop) _barRowY.CopyTo(line);
            else _rampRow.CopyTo(line);
        }
        for (int row = 0; row < ch; row++)
        {
            Span<byte> lu = u.Slice(row * uStride, cw), lv = v.Slice(row * vStride, cw);
            if (row * 2 >= _panelHeight && row * 2 < _rampTop)
            {
                _barRowU.CopyTo(lu);
                _barRowV.CopyTo(lv);
            }
            else
            {
                lu.Fill(128);
                lv.Fill(128);
            }
        }

        // A box that sweeps left/right across the bars, changing colour every second (30 fps).
        int travel = w - _boxSize;
        int step = Math.Max(1, w / 120);
        long pos = frameIndex * step % (2L * travel);
        int boxX = (int)(pos < travel ? pos : 2L * travel - pos) & ~1;
        int boxY = (_panelHeight + (_rampTop - _panelHeight - _boxSize) / 2) & ~1;
        int shade = (int)(frameIndex / 30 % BarY.Length);
        PlaneRect.Fill(y, w, h, yStride, boxX, boxY, _boxSize, _boxSize, (byte)(235 - BarY[shade] / 2));
        PlaneRect.Fill(u, cw, ch, uStride, boxX / 2, boxY / 2, _boxSize / 2, _boxSize / 2, (byte)(256 - BarU[shade]));
        PlaneRect.Fill(v, cw, ch, vStride, boxX / 2, boxY / 2, _boxSize / 2, _boxSize / 2, (byte)(256 - BarV[shade]));

        // Frame counter and wall clock.
        int cell = Timecode.CellSize(w);
        int gap = Math.Max(2, cell / 2);
        int textX = Math.Max(2, cell / 2);
        int counterY = 2 * cell + gap;
        Span<char> text = stackalloc char[24];
        if (frameIndex.TryFormat(text, out int n, "D6", CultureInfo.InvariantCulture))
            SevenSegment.Draw(y, w, h, yStride, textX, counterY, _counterHeight, text[..n], Timecode.White);
        DateTime wall = DateTime.UnixEpoch.AddMilliseconds(captureUnixMs);
        if (wall.TryFormat(text, out n, "HH:mm:ss.fff", CultureInfo.InvariantCulture))
            SevenSegment.Draw(y, w, h, yStride, textX, counterY + _counterHeight + gap, _clockHeight, text[..n], 200);

        Timecode.Draw(y, w, h, yStride, captureUnixMs);
    }
}
