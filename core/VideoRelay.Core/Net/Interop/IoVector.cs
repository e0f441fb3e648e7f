using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>struct iovec (16 bytes on x86_64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public void* Base;
    public nuint Length;
}
