using VideoRelay.TestSource;

namespace VideoRelay.TestSource.Tests;

public sealed class TimecodeTests
{
    private const long SampleMs = 1_795_000_000_123; // 2026-11-18

    [Fact]
    public void Checksum_is_sum_of_six_bit_groups_mod_64()
    {
        // 42 bits of all ones: seven groups of 63 → 441 mod 64 = 57.
        Assert.Equal(57, Timecode.Checksum(Timecode.ValueMask));
        Assert.Equal(0, Timecode.Checksum(0));
        Assert.Equal((1 + 2 + 3) & 0x3F, Timecode.Checksum(1 | (2L << 6) | (3L << 36)));
    }

    [Fact]
    public void Encode_puts_checksum_in_bits_42_to_47()
    {
        long word = Timecode.Encode(SampleMs);
        Assert.Equal(SampleMs & Timecode.ValueMask, word & Timecode.ValueMask);
        Assert.Equal(Timecode.Checksum(SampleMs), (int)(word >> 42));
        Assert.True(Timecode.TryDecode(word, out long value));
        Assert.Equal(SampleMs & Timecode.ValueMask, value);
        Assert.False(Timecode.TryDecode(word ^ 1, out _));
    }

    [Fact]
    public void Unwrap_restores_full_unix_ms_near_the_local_clock()
    {
        long value = SampleMs & Timecode.ValueMask;
        Assert.Equal(SampleMs, Timecode.Unwrap(value, SampleMs + 5_000));
        Assert.Equal(SampleMs, Timecode.Unwrap(value, SampleMs - 5_000));
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(854, 480)]
    [InlineData(640, 360)]
    [InlineData(1920, 1080)]
    [InlineData(100, 60)]
    public void Draw_then_read_round_trips(int width, int height)
    {
        int stride = width + 32;
        byte[] luma = new byte[stride * height];
        Array.Fill(luma, (byte)90);
        for (long ms = SampleMs; ms < SampleMs + 40; ms += 7)
        {
            Assert.True(Timecode.Draw(luma, width, height, stride, ms));
            Assert.True(Timecode.TryRead(luma, width, height, stride, ms, out long read));
            Assert.Equal(ms, read);
        }
    }

    [Fact]
    public void Draw_uses_the_specified_cells_msb_first()
    {
        const int width = 240, height = 40, cell = 10;
        byte[] luma = new byte[width * height];
        Timecode.Draw(luma, width, height, width, SampleMs);
        long word = Timecode.Encode(SampleMs);
        for (int bit = 0; bit < 48; bit++)
        {
            int index = 47 - bit;
            int x = (index % 24) * cell + cell / 2, y = (index / 24) * cell + cell / 2;
            byte expected = ((word >> bit) & 1) != 0 ? Timecode.White : Timecode.Black;
            Assert.Equal(expected, luma[y * width + x]);
        }
    }

    [Fact]
    public void Read_rejects_a_flipped_cell()
    {
        const int width = 640, height = 360;
        byte[] luma = new byte[width * height];
        Timecode.Draw(luma, width, height, width, SampleMs);
        int cell = Timecode.CellSize(width);
        // Invert cell (row 1, column 10) completely.
        for (int y = cell; y < 2 * cell; y++)
            for (int x = 10 * cell; x < 11 * cell; x++)
                luma[y * width + x] = (byte)(Timecode.White + Timecode.Black - luma[y * width + x]);
        Assert.False(Timecode.TryRead(luma, width, height, width, SampleMs, out _));
    }

    [Fact]
    public void Read_rejects_a_flat_picture()
    {
        byte[] luma = new byte[640 * 360];
        Array.Fill(luma, (byte)128);
        Assert.False(Timecode.TryRead(luma, 640, 360, 640, out _));
        Assert.False(Timecode.TryRead(luma, 10, 10, 10, out _));
        Assert.False(Timecode.TryRead(luma.AsSpan(0, 100), 640, 360, 640, out _));
    }

    [Theory]
    [InlineData(1280, 720, 640, 360)]
    [InlineData(1280, 720, 854, 480)]
    [InlineData(1920, 1080, 640, 360)]
    [InlineData(1280, 720, 426, 240)]
    public void Read_survives_a_downscale_by_the_transcoder(int sw, int sh, int dw, int dh)
    {
        byte[] source = new byte[sw * sh];
        Array.Fill(source, (byte)60);
        Timecode.Draw(source, sw, sh, sw, SampleMs);
        byte[] scaled = BoxScale(source, sw, sh, dw, dh);
        Assert.True(Timecode.TryRead(scaled, dw, dh, dw, SampleMs, out long read));
        Assert.Equal(SampleMs, read);
    }

    [Fact]
    public void Read_of_a_generated_frame_matches()
    {
        var generator = new TestPatternGenerator(1280, 720);
        byte[] frame = new byte[generator.FrameSize];
        generator.Render(frame, 42, SampleMs);
        Assert.True(Timecode.TryRead(frame.AsSpan(0, 1280 * 720), 1280, 720, 1280, SampleMs, out long read));
        Assert.Equal(SampleMs, read);
    }

    /// <summary>Area-average downscale, close to what swscale's bilinear/area filters do to big flat cells.</summary>
    internal static byte[] BoxScale(byte[] src, int sw, int sh, int dw, int dh)
    {
        byte[] dst = new byte[dw * dh];
        for (int y = 0; y < dh; y++)
        {
            int y0 = y * sh / dh, y1 = Math.Max(y0 + 1, (y + 1) * sh / dh);
            for (int x = 0; x < dw; x++)
            {
                int x0 = x * sw / dw, x1 = Math.Max(x0 + 1, (x + 1) * sw / dw);
                int sum = 0;
                for (int yy = y0; yy < y1; yy++)
                    for (int xx = x0; xx < x1; xx++)
                        sum += src[yy * sw + xx];
                dst[y * dw + x] = (byte)(sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return dst;
    }
}
