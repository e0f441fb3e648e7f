using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>
/// struct ifreq (40 bytes on x86_64): char ifr_name[IFNAMSIZ = 16], then a union whose member used here
/// is <c>ifr_data</c>, a pointer at offset 16.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal unsafe struct InterfaceRequest
{
    public const int NameSize = 16;

    [FieldOffset(0)]
    public fixed byte Name[NameSize];

    [FieldOffset(16)]
    public void* Data;
}
