using System.Runtime.InteropServices;

namespace VideoRelay.Core.Diagnostics.Interop;

/// <summary>struct rlimit (two rlim_t = unsigned 64-bit); RLIM_INFINITY is all ones.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ResourceLimit
{
    public const ulong Infinity = ulong.MaxValue;

    public ulong Current;
    public ulong Maximum;
}
