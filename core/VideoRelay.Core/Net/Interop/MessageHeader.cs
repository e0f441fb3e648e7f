using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>struct msghdr on x86_64 (56 bytes; socklen_t and int members are followed by padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
