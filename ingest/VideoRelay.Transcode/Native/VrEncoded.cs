using System.Runtime.InteropServices;

namespace VideoRelay.Transcode.Native;

/// <summary>One encoded access unit's description (mirrors <c>vr_encoded</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct VrEncoded
{
    public int Length;
    public int KeyFrame;
    public long Pts;
    public long Dts;
    public int ConfigChanged;
    public int Reserved;
}
