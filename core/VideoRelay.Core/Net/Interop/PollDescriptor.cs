using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>struct pollfd (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
