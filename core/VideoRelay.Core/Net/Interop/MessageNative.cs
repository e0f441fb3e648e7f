using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>
/// recvmsg/sendmsg/poll. Flag values from /usr/include/x86_64-linux-gnu/bits/socket.h
/// (MSG_CTRUNC 0x08, MSG_TRUNC 0x20, MSG_DONTWAIT 0x40, MSG_ERRQUEUE 0x2000) and
/// /usr/include/asm-generic/poll.h.
/// </summary>
internal static unsafe partial class MessageNative
{
    public const int MSG_CTRUNC = 0x08;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_ERRQUEUE = 0x2000;
    public const int MSG_NOSIGNAL = 0x4000;

    public const short POLLIN = 0x0001;
    public const short POLLOUT = 0x0004;
    public const short POLLERR = 0x0008;
    public const short POLLHUP = 0x0010;
    public const short POLLNVAL = 0x0020;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvmsg(int fd, MessageHeader* message, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int fd, MessageHeader* message, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollDescriptor* fds, nuint count, int timeoutMs);
}
