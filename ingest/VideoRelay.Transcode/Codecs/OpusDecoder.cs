using System.Runtime.InteropServices;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Codecs;

/// <summary>libopus decoder at 48 kHz into interleaved s16.</summary>
public sealed unsafe class OpusDecoder : SafeHandle
{
    /// <summary>Samples per channel that hold any Opus packet (120 ms).</summary>
    public const int MaxFrameSamples = 5760;

    public OpusDecoder(int channels = 2) : base(0, true)
    {
        int rc = NativeMethods.vr_opus_decoder_open(channels, out nint h);
        NativeCodecException.ThrowIfFailed(rc, "vr_opus_decoder_open");
        SetHandle(h);
        Channels = channels;
    }

    public int Channels { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>Decodes one packet; <paramref name="samplesPerChannel"/> is its duration at 48 kHz.</summary>
    public int Decode(ReadOnlySpan<byte> packet, Span<short> pcm, out int samplesPerChannel)
    {
        fixed (byte* p = packet)
        fixed (short* o = pcm)
        {
            return NativeMethods.vr_opus_decoder_decode(handle, p, packet.Length, o, pcm.Length / Channels, out samplesPerChannel);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.vr_opus_decoder_close(handle);
        return true;
    }
}
