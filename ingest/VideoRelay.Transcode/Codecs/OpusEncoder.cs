using System.Runtime.InteropServices;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Codecs;

/// <summary>libopus at 48 kHz: 20 ms (960 samples per channel) of interleaved s16 in, one packet out.</summary>
public sealed unsafe class OpusEncoder : SafeHandle
{
    public const int FrameSamples = 960;
    public const int SampleRate = 48000;

    public OpusEncoder(int channels = 2, int bitrate = 96_000) : base(0, true)
    {
        int rc = NativeMethods.vr_opus_encoder_open(channels, bitrate, out nint h);
        NativeCodecException.ThrowIfFailed(rc, "vr_opus_encoder_open");
        SetHandle(h);
        Channels = channels;
    }

    public int Channels { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>Encodes one 20 ms frame (<c>pcm.Length == 960 × Channels</c>). 0 or a <see cref="VrError"/>.</summary>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> output, out int written)
    {
        if (pcm.Length != FrameSamples * Channels)
        {
            written = 0;
            return (int)VrError.InvalidArgument;
        }
        fixed (short* p = pcm)
        fixed (byte* o = output)
        {
            return NativeMethods.vr_opus_encoder_encode(handle, p, FrameSamples, o, output.Length, out written);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.vr_opus_encoder_close(handle);
        return true;
    }
}
