using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>
/// Interface ioctls for timestamping. Request numbers from /usr/include/linux/sockios.h:
/// SIOCETHTOOL 0x8946, SIOCSHWTSTAMP 0x89b0, SIOCGHWTSTAMP 0x89b1. Each takes a struct ifreq whose
/// ifr_data points at the command structure. SIOCSHWTSTAMP needs CAP_NET_ADMIN.
/// </summary>
internal static unsafe partial class InterfaceNative
{
    public const nuint SIOCETHTOOL = 0x8946;
    public const nuint SIOCSHWTSTAMP = 0x89b0;
    public const nuint SIOCGHWTSTAMP = 0x89b1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, void* argument);
}
