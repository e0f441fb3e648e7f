using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>
/// Per-interface timestamping: the NIC's capabilities (SIOCETHTOOL / ETHTOOL_GET_TS_INFO), its current
/// hardware stamping configuration (SIOCGHWTSTAMP) and switching it on (SIOCSHWTSTAMP). Setup-time calls;
/// none of them throws. Loopback, virtio and ifb have no hardware stamping: the ioctls fail with
/// EOPNOTSUPP / EINVAL and callers fall back to software.
/// </summary>
public static unsafe class InterfaceTimestamping
{
    /// <summary>What <c>ethtool -T name</c> reports.</summary>
    public static InterfaceTimestampingInfo Query(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var descriptor = new SocketDescriptor(socket);
        return Query(descriptor.Fd, name);
    }

    /// <summary>Reads the interface's hardware stamping mode; false with errno when it has none.</summary>
    public static bool TryGetHardwareConfig(string name, out int txType, out int rxFilter, out int errno)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var descriptor = new SocketDescriptor(socket);
        var config = default(HardwareTimestampConfig);
        bool ok = HardwareIoctl(descriptor.Fd, name, InterfaceNative.SIOCGHWTSTAMP, &config, out errno);
        txType = config.TxType;
        rxFilter = config.RxFilter;
        return ok;
    }

    /// <summary>
    /// Turns on hardware stamping for the whole interface: TX on, RX filter ALL (the driver may widen or
    /// narrow the filter and says so). Needs CAP_NET_ADMIN.
    /// </summary>
    public static bool TryEnableHardware(string name, out int errno)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var descriptor = new SocketDescriptor(socket);
        var config = new HardwareTimestampConfig
        {
            TxType = HardwareTimestampConfig.TxOn,
            RxFilter = HardwareTimestampConfig.FilterAll,
        };
        return HardwareIoctl(descriptor.Fd, name, InterfaceNative.SIOCSHWTSTAMP, &config, out errno)
            && config.RxFilter != HardwareTimestampConfig.FilterNone;
    }

    /// <summary>The interface that owns <paramref name="address"/> (e.g. 127.0.0.1 → "lo"), or null.</summary>
    public static string? FindInterface(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return null;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.Equals(address))
                    return nic.Name;
            }
        }
        return null;
    }

    internal static InterfaceTimestampingInfo Query(int fd, string name)
    {
        var info = new EthtoolTimestampInfo { Command = EthtoolTimestampInfo.GetTimestampInfo };
        InterfaceRequest request;
        if (!TryFillRequest(name, &info, &request))
            return new InterfaceTimestampingInfo(name, Errno.EINVAL, 0, -1, 0, 0);
        if (InterfaceNative.ioctl(fd, InterfaceNative.SIOCETHTOOL, &request) != 0)
            return new InterfaceTimestampingInfo(name, Marshal.GetLastPInvokeError(), 0, -1, 0, 0);
        return new InterfaceTimestampingInfo(name, 0, (int)info.SoTimestamping, info.PhcIndex, info.TxTypes, info.RxFilters);
    }

    private static bool HardwareIoctl(int fd, string name, nuint command, HardwareTimestampConfig* config, out int errno)
    {
        InterfaceRequest request;
        if (!TryFillRequest(name, config, &request))
        {
            errno = Errno.EINVAL;
            return false;
        }
        if (InterfaceNative.ioctl(fd, command, &request) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return false;
        }
        errno = 0;
        return true;
    }

    private static bool TryFillRequest(string name, void* data, InterfaceRequest* request)
    {
        *request = default;
        if (name.Length == 0 || name.Length >= InterfaceRequest.NameSize)
            return false;
        var target = new Span<byte>(request->Name, InterfaceRequest.NameSize - 1);
        if (!Encoding.ASCII.TryGetBytes(name, target, out _))
            return false;
        request->Data = data;
        return true;
    }
}
