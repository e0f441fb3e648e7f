using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>
/// setsockopt/getsockopt and the option numbers for kernel timestamping. Numbers are checked against
/// /usr/include/asm-generic/socket.h (x86_64's asm/socket.h includes it): SO_TIMESTAMPNS_OLD 35,
/// SO_TIMESTAMPING_OLD 37 (the *_NEW variants 64/65 exist for 32-bit time_t ABIs; on x86_64 time_t and
/// __kernel_long_t are both 64-bit, so the "old" option already delivers 16-byte timespecs and is what
/// glibc's SO_TIMESTAMPING resolves to), and /usr/include/x86_64-linux-gnu/bits/in.h for SOL_IP/SOL_IPV6.
/// </summary>
internal static unsafe partial class SocketOptionNative
{
    public const int SOL_SOCKET = 1;
    public const int SOL_IP = 0;
    public const int SOL_IPV6 = 41;

    public const int SO_TIMESTAMPNS = 35;   // SO_TIMESTAMPNS_OLD; SCM_TIMESTAMPNS == SO_TIMESTAMPNS
    public const int SO_TIMESTAMPING = 37;  // SO_TIMESTAMPING_OLD; SCM_TIMESTAMPING == SO_TIMESTAMPING
    public const int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    public const int SCM_TIMESTAMPING = SO_TIMESTAMPING;

    public const int IP_RECVERR = 11;       // linux/in.h
    public const int IPV6_RECVERR = 25;     // linux/in6.h

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockopt(int fd, int level, int name, void* value, uint* length);
}
