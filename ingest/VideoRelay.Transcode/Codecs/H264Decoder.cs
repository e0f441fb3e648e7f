using System.Runtime.InteropServices;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Codecs;

/// <summary>
/// libavcodec's H.264 decoder (one thread or slice threads, never frame threads; low-delay flag set).
/// AVCC access units in, reference-counted I420 pictures out. Use from one thread at a time.
/// </summary>
public sealed unsafe class H264Decoder : SafeHandle
{
    /// <param name="sps">SPS NAL unit (no start code), or empty when in-band.</param>
    /// <param name="pps">PPS NAL unit (no start code), or empty when in-band.</param>
    /// <param name="threads">1 = single-threaded; more = slice threads.</param>
    public H264Decoder(ReadOnlySpan<byte> sps, ReadOnlySpan<byte> pps, int threads = 1) : base(0, true)
    {
        nint h;
        int rc;
        fixed (byte* s = sps)
        fixed (byte* p = pps)
        {
            rc = NativeMethods.vr_h264_decoder_open(s, sps.Length, p, pps.Length, threads, out h);
        }
        NativeCodecException.ThrowIfFailed(rc, "vr_h264_decoder_open");
        SetHandle(h);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Frames the decoder holds back for reordering: &gt; 0 means the source has B-frames.</summary>
    public int ReorderDepth => NativeMethods.vr_h264_decoder_reorder_depth(handle);

    /// <summary>Sends one AVCC access unit; <paramref name="token"/> comes back with its picture. 0 or a <see cref="VrError"/>.</summary>
    public int Send(ReadOnlySpan<byte> accessUnit, long token)
    {
        fixed (byte* p = accessUnit)
        {
            return NativeMethods.vr_h264_decoder_send(handle, p, accessUnit.Length, token);
        }
    }

    /// <summary>
    /// Takes the next picture: 0 with <paramref name="picture"/> set (the caller owns
    /// <see cref="VrPicture.Frame"/> and must pass it to <see cref="ReleaseFrame"/>), or a negative code
    /// (<see cref="VrError.Again"/> when none is ready).
    /// </summary>
    public int Receive(out VrPicture picture)
    {
        fixed (VrPicture* p = &picture)
        {
            return NativeMethods.vr_h264_decoder_receive(handle, p);
        }
    }

    /// <summary>Releases one native picture reference (thread-safe).</summary>
    public static void ReleaseFrame(nint frame) => NativeMethods.vr_frame_release(frame);

    protected override bool ReleaseHandle()
    {
        NativeMethods.vr_h264_decoder_close(handle);
        return true;
    }
}
