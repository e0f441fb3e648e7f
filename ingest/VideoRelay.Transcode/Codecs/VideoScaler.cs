using System.Runtime.InteropServices;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Codecs;

/// <summary>libswscale I420 → I420 for fixed sizes, into caller-provided planes.</summary>
public sealed unsafe class VideoScaler : SafeHandle
{
    public VideoScaler(int sourceWidth, int sourceHeight, int width, int height, bool fastBilinear = false) : base(0, true)
    {
        int rc = NativeMethods.vr_scaler_open(sourceWidth, sourceHeight, width, height, fastBilinear ? 1 : 0, out nint h);
        NativeCodecException.ThrowIfFailed(rc, "vr_scaler_open");
        SetHandle(h);
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Width = width;
        Height = height;
    }

    public int SourceWidth { get; }
    public int SourceHeight { get; }
    public int Width { get; }
    public int Height { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>Scales <paramref name="source"/> into <paramref name="destination"/>. 0 or a <see cref="VrError"/>.</summary>
    public int Scale(in VrPlanes source, in VrPlanes destination)
    {
        fixed (VrPlanes* s = &source)
        fixed (VrPlanes* d = &destination)
        {
            return NativeMethods.vr_scaler_scale(handle, s, d);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.vr_scaler_close(handle);
        return true;
    }
}
