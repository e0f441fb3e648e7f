using System.Runtime.InteropServices;

namespace VideoRelay.Transcode.Native;

/// <summary>An I420 picture's planes (mirrors <c>vr_planes</c>): borrowed pointers, never owned.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct VrPlanes
{
    public byte* Y;
    public byte* U;
    public byte* V;
    public int StrideY;
    public int StrideU;
    public int StrideV;
    public int Width;
    public int Height;
}
