using System.Runtime.InteropServices;

namespace VideoRelay.Transcode.Native;

/// <summary>A decoded picture (mirrors <c>vr_picture</c>): <see cref="Frame"/> is a native reference the receiver owns.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct VrPicture
{
    public nint Frame;
    public VrPlanes Planes;
    public long Token;
    public int KeyFrame;
    public int Corrupt;
}
