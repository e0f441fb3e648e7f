using System.Runtime.InteropServices;
using System.Text;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Codecs;

/// <summary>
/// libx264 through libavcodec with tune=zerolatency (no B-frames, no lookahead, sliced threads):
/// one picture in, one AVCC access unit out, written into the caller's buffer. SPS/PPS are repeated
/// in-band on every keyframe. Use from one thread at a time.
/// </summary>
public sealed unsafe class H264Encoder : SafeHandle
{
    public H264Encoder(H264EncoderSettings settings) : base(0, true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        VrH264EncoderConfig config = new()
        {
            Width = settings.Width,
            Height = settings.Height,
            FpsNum = settings.FrameRateNumerator,
            FpsDen = settings.FrameRateDenominator,
            Bitrate = settings.Bitrate,
            VbvBufferMs = settings.VbvBufferMs,
            Gop = settings.MaxGopFrames,
            Threads = settings.Threads,
            Profile = (int)settings.Profile,
        };
        Span<byte> preset = new(config.Preset, 16);
        if (Encoding.ASCII.GetByteCount(settings.Preset) > 15)
        {
            throw new ArgumentException("preset name too long", nameof(settings));
        }
        Encoding.ASCII.GetBytes(settings.Preset, preset);
        int rc = NativeMethods.vr_h264_encoder_open(&config, out nint h);
        NativeCodecException.ThrowIfFailed(rc, "vr_h264_encoder_open");
        SetHandle(h);
        Settings = settings;
    }

    public H264EncoderSettings Settings { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>The encoder's own writable input planes (valid until the next send): scale straight into them.</summary>
    public int GetInput(out VrPlanes planes)
    {
        fixed (VrPlanes* p = &planes)
        {
            return NativeMethods.vr_h264_encoder_input(handle, p);
        }
    }

    /// <summary>Encodes the planes obtained from <see cref="GetInput"/> (no copy).</summary>
    public int SendInput(long pts, bool forceKeyframe) =>
        NativeMethods.vr_h264_encoder_send(handle, null, pts, forceKeyframe ? 1 : 0);

    /// <summary>Encodes caller planes (copied into the encoder's input first).</summary>
    public int Send(in VrPlanes planes, long pts, bool forceKeyframe)
    {
        fixed (VrPlanes* p = &planes)
        {
            return NativeMethods.vr_h264_encoder_send(handle, p, pts, forceKeyframe ? 1 : 0);
        }
    }

    /// <summary>
    /// Writes the next access unit (AVCC) into <paramref name="output"/>, with <paramref name="prefix"/>
    /// (AVCC NAL units, e.g. SEI) before the first slice. <see cref="VrError.TooSmall"/> sets
    /// <c>unit.Length</c> to the size needed and keeps the unit for another call.
    /// </summary>
    public int Receive(ReadOnlySpan<byte> prefix, Span<byte> output, out VrEncoded unit)
    {
        fixed (byte* pre = prefix)
        fixed (byte* o = output)
        fixed (VrEncoded* u = &unit)
        {
            return NativeMethods.vr_h264_encoder_receive(handle, pre, prefix.Length, o, output.Length, u);
        }
    }

    /// <summary>Discards the pending unit (no buffer for it); force a keyframe next.</summary>
    public int DropPending() => NativeMethods.vr_h264_encoder_drop_pending(handle);

    /// <summary>The last SPS and PPS seen in the output (allocates: call on a config change only).</summary>
    public bool TryGetParameterSets(out byte[] sps, out byte[] pps)
    {
        Span<byte> s = stackalloc byte[1024];
        Span<byte> p = stackalloc byte[1024];
        int rc;
        int sLen, pLen;
        fixed (byte* sp = s)
        fixed (byte* pp = p)
        {
            rc = NativeMethods.vr_h264_encoder_param_sets(handle, sp, s.Length, out sLen, pp, p.Length, out pLen);
        }
        if (rc != 0)
        {
            sps = [];
            pps = [];
            return false;
        }
        sps = s[..sLen].ToArray();
        pps = p[..pLen].ToArray();
        return true;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.vr_h264_encoder_close(handle);
        return true;
    }
}
