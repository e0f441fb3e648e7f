using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>Linux errno values used here (checked against /usr/include/asm-generic/errno-base.h and errno.h).</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11; // == EWOULDBLOCK on Linux
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    public const int ENOMSG = 42;
    public const int ENOPROTOOPT = 92;
    public const int EOPNOTSUPP = 95;
    public const int ETIMEDOUT = 110;

    /// <summary>"EOPNOTSUPP (95): Operation not supported" — for findings and results, never on a hot path.</summary>
    public static string Describe(int errno) => errno == 0 ? "ok" : $"errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}";
}
