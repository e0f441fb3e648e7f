using System.Runtime.InteropServices;
using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>poll() on one descriptor with a deadline; the slow path of the non-blocking socket calls.</summary>
internal static unsafe class SocketWait
{
    /// <summary>Deadline in <see cref="Environment.TickCount64"/> ms, or <see cref="long.MaxValue"/> for none.</summary>
    public static long Deadline(int timeoutMs) =>
        timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;

    /// <summary>Waits for <paramref name="events"/>; returns the events seen (0 on timeout) or -errno.</summary>
    public static int Wait(int fd, short events, long deadline)
    {
        while (true)
        {
            int timeout = -1;
            if (deadline != long.MaxValue)
                timeout = (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            var pfd = new PollDescriptor { Fd = fd, Events = events };
            int n = MessageNative.poll(&pfd, 1, timeout);
            if (n > 0)
                return (ushort)pfd.ReturnedEvents;
            if (n == 0)
                return 0;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                return -errno;
        }
    }
}
