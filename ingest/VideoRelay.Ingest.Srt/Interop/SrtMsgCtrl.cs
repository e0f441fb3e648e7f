using System.Runtime.InteropServices;

namespace VideoRelay.Ingest.Srt.Interop;

/// <summary>SRT_MSGCTRL (srt.h): 48 bytes on x86-64, srctime at offset 16 (checked with offsetof).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SrtMsgCtrl
{
    public int Flags;
    public int MsgTtl;
    public int InOrder;
    public int Boundary;

    /// <summary>Source time in µs on libsrt's clock (<see cref="SrtNative.srt_time_now"/>), 0 = unknown.</summary>
    public long SrcTime;

    public int PktSeq;
    public int MsgNo;
    public nint GrpData;
    public nuint GrpDataSize;

    public static SrtMsgCtrl Default => new() { MsgTtl = -1, PktSeq = -1, MsgNo = -1 };
}
