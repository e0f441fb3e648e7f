using System.Runtime.InteropServices;

namespace VideoRelay.Transcode.Native;

/// <summary>Mirrors <c>vr_h264_encoder_config</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VrH264EncoderConfig
{
    public int Width;
    public int Height;
    public int FpsNum;
    public int FpsDen;
    public int Bitrate;
    public int VbvBufferMs;
    public int Gop;
    public int Threads;
    public int Profile;
    public fixed byte Preset[16];
}
