using System.Runtime.InteropServices;

namespace VideoRelay.Core.Diagnostics.Interop;

/// <summary>struct sched_param (one int: sched_priority).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SchedulingParameters
{
    public int Priority;
}
