using System.Runtime.InteropServices;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Codecs;

/// <summary>
/// AAC (raw access units + AudioSpecificConfig) → libswresample 48 kHz stereo → 20 ms Opus packets,
/// with a FIFO that re-chunks 1024-sample AAC frames into 960-sample Opus frames.
/// </summary>
public sealed unsafe class AacToOpusTranscoder : SafeHandle
{
    public AacToOpusTranscoder(ReadOnlySpan<byte> audioSpecificConfig, int bitrate = 96_000) : base(0, true)
    {
        int rc;
        nint h;
        fixed (byte* a = audioSpecificConfig)
        {
            rc = NativeMethods.vr_aac_opus_open(a, audioSpecificConfig.Length, bitrate, out h);
        }
        NativeCodecException.ThrowIfFailed(rc, "vr_aac_opus_open");
        SetHandle(h);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Samples per channel (48 kHz) waiting for the next packet.</summary>
    public int Buffered => NativeMethods.vr_aac_opus_buffered(handle);

    /// <summary>Decodes one raw AAC access unit into the FIFO. 0 or a <see cref="VrError"/>.</summary>
    public int Send(ReadOnlySpan<byte> accessUnit)
    {
        fixed (byte* p = accessUnit)
        {
            return NativeMethods.vr_aac_opus_send(handle, p, accessUnit.Length);
        }
    }

    /// <summary>Encodes the next 20 ms packet, or <see cref="VrError.Again"/> when the FIFO is short of one.</summary>
    /// <param name="index">Packet number since open (its start is index × 960 samples after the first input sample).</param>
    public int Receive(Span<byte> output, out int written, out long index)
    {
        fixed (byte* o = output)
        {
            return NativeMethods.vr_aac_opus_receive(handle, o, output.Length, out written, out index);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.vr_aac_opus_close(handle);
        return true;
    }
}
