using VideoRelay.Core.Media;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Tests;

public sealed class NativeCodecTests
{
    [Fact]
    public void Resolver_finds_the_library_built_by_setup()
    {
        string? path = NativeLibraryResolver.FindLibrary();
        Assert.NotNull(path);
        Assert.EndsWith("native/build/libvrnative.so", path);
        Assert.Equal(0x010000, NativeMethods.vr_version());
    }

    [Fact]
    public void Encoder_output_decodes_to_the_same_size_and_count()
    {
        var (units, config) = TestMedia.OwnClip(320, 240, 10, i => i == 0 || i == 5);
        Assert.Equal([true, false, false, false, false, true, false, false, false, false], units.Select(TestMedia.IsKeyframeUnit));
        var (pictures, depth) = TestMedia.Decode(units);
        Assert.Equal(10, pictures.Count);
        Assert.All(pictures, p => Assert.Equal((320, 240), p));
        Assert.Equal(0, depth);
        Assert.True(H264SpsReader.TryRead(config.Sps, out H264SpsInfo info));
        Assert.Equal((66, 320, 240), (info.ProfileIdc, info.Width, info.Height));
    }

    [Fact]
    public unsafe void Scaler_writes_the_requested_size()
    {
        using VideoScaler scaler = new(64, 48, 32, 24);
        byte[] src = new byte[64 * 48 * 3 / 2];
        byte[] dst = new byte[32 * 24 * 3 / 2];
        Array.Fill(src, (byte)77);
        fixed (byte* s = src)
        fixed (byte* d = dst)
        {
            VrPlanes sp = new() { Y = s, U = s + 64 * 48, V = s + 64 * 48 + 32 * 24, StrideY = 64, StrideU = 32, StrideV = 32, Width = 64, Height = 48 };
            VrPlanes dp = new() { Y = d, U = d + 32 * 24, V = d + 32 * 24 + 16 * 12, StrideY = 32, StrideU = 16, StrideV = 16, Width = 32, Height = 24 };
            Assert.Equal(0, scaler.Scale(sp, dp));
            dp.Width = 30;
            Assert.Equal((int)VrError.InvalidArgument, scaler.Scale(sp, dp));
        }
        Assert.All(dst, b => Assert.Equal(77, b));
    }

    [Fact]
    public void Pcm_tone_encodes_to_20ms_opus_packets()
    {
        using OpusEncoder encoder = new(2, 64_000);
        using OpusDecoder decoder = new(2);
        short[] pcm = new short[960 * 2];
        short[] back = new short[OpusDecoder.MaxFrameSamples * 2];
        byte[] packet = new byte[1500];
        for (int f = 0; f < 10; f++)
        {
            for (int i = 0; i < 960; i++)
            {
                pcm[2 * i] = pcm[2 * i + 1] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * (f * 960 + i) / 48000.0));
            }
            Assert.Equal(0, encoder.Encode(pcm, packet, out int written));
            Assert.InRange(written, 1, 1275);
            Assert.Equal(0, decoder.Decode(packet.AsSpan(0, written), back, out int samples));
            Assert.Equal(960, samples);
        }
        Assert.Equal((int)VrError.InvalidArgument, encoder.Encode(pcm.AsSpan(0, 480), packet, out _));
    }

    [Fact]
    public void Decoder_rejects_a_length_past_the_end_and_keeps_working()
    {
        var (units, _) = TestMedia.OwnClip(160, 120, 2, i => i == 0);
        using H264Decoder decoder = new(default, default);
        Assert.Equal((int)VrError.Decode, decoder.Send([0, 0, 9, 0, 0x65, 1, 2], 0));
        Assert.Equal(0, decoder.Send(units[0], 1));
        Assert.Equal(0, decoder.Receive(out VrPicture picture));
        Assert.Equal((1L, 1, 160, 120), (picture.Token, picture.KeyFrame, picture.Planes.Width, picture.Planes.Height));
        H264Decoder.ReleaseFrame(picture.Frame);
    }

    [Fact]
    public void Open_with_bad_arguments_throws_a_clear_exception()
    {
        var e = Assert.Throws<NativeCodecException>(() => new VideoScaler(63, 48, 32, 24));
        Assert.Equal(VrError.InvalidArgument, e.Code);
        Assert.Throws<NativeCodecException>(() => new AacToOpusTranscoder([0x12]));
    }
}
