using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>
/// Turns on kernel timestamps (SO_TIMESTAMPING) for a UDP or TCP socket and reports what it got.
/// </summary>
/// <remarks>
/// Order of attempts: (1) when hardware is asked for, the interface is checked with ETHTOOL_GET_TS_INFO and,
/// if capable, switched on with SIOCSHWTSTAMP (or found already on with SIOCGHWTSTAMP), then the socket gets
/// RX_HARDWARE | TX_HARDWARE | RAW_HARDWARE on top of the software flags — a packet the NIC did not stamp
/// still gets a software stamp; (2) software: RX_SOFTWARE | TX_SOFTWARE | SOFTWARE; TX adds OPT_ID (each
/// stamp carries the send's key) and OPT_TSONLY (the stamp comes back without a copy of the packet);
/// (3) if SO_TIMESTAMPING itself is refused, SO_TIMESTAMPNS (software RX only). The result is read back
/// with getsockopt; the first stamped packet confirms it (<see cref="TimestampedUdp.ObservedRxSource"/>).
/// Software stamps are CLOCK_REALTIME, the clock of <see cref="Timing.Clock.UnixNowNs"/>. Setup-time code:
/// it may allocate, and never throws for a kernel refusal.
/// Warm-up: the kernel switches software RX stamping on host-wide through a static key that a workqueue flips
/// after the first socket asks (net_enable_timestamp) and off when the last one closes; datagrams received in
/// the first moments after enabling may carry no stamp (counted in <see cref="TimestampedUdp.Unstamped"/>).
/// </remarks>
public static unsafe class SocketTimestamping
{
    private const TimestampingFlags HardwareFlags =
        TimestampingFlags.RxHardware | TimestampingFlags.TxHardware | TimestampingFlags.RawHardware;

    /// <summary>Enables stamping as requested; see the type's remarks for the fallbacks.</summary>
    public static TimestampingStatus Enable(Socket socket, TimestampRequest request)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Receive && !request.Transmit)
            return new TimestampingStatus(TimestampSource.None, TimestampSource.None, 0, "nothing requested");

        using var descriptor = new SocketDescriptor(socket);
        int fd = descriptor.Fd;
        string? note = null;
        bool hardwareRx = false, hardwareTx = false;
        if (request.PreferHardware)
            note = ProbeHardware(fd, socket, request, out hardwareRx, out hardwareTx);

        var flags = TimestampingFlags.Software;
        if (request.Receive)
            flags |= TimestampingFlags.RxSoftware;
        if (request.Transmit)
            flags |= TimestampingFlags.TxSoftware | TimestampingFlags.OptId | TimestampingFlags.OptTsOnly;
        if (hardwareRx || hardwareTx)
            flags |= TimestampingFlags.RawHardware;
        if (hardwareRx)
            flags |= TimestampingFlags.RxHardware;
        if (hardwareTx)
            flags |= TimestampingFlags.TxHardware;

        int value = (int)flags;
        if (SocketOptionNative.setsockopt(fd, SocketOptionNative.SOL_SOCKET, SocketOptionNative.SO_TIMESTAMPING, &value, sizeof(int)) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return FallBackToTimestampNs(fd, request, Join(note, $"SO_TIMESTAMPING refused ({Errno.Describe(errno)})"));
        }

        var status = Describe(fd);
        bool fellBack = request.PreferHardware
            && ((request.Receive && status.Rx != TimestampSource.Hardware) || (request.Transmit && status.Tx != TimestampSource.Hardware));
        return status with { Note = note, HardwareFellBack = fellBack };
    }

    /// <summary>Reads back what the socket currently stamps (getsockopt SO_TIMESTAMPING, then SO_TIMESTAMPNS).</summary>
    public static TimestampingStatus Describe(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var descriptor = new SocketDescriptor(socket);
        return Describe(descriptor.Fd);
    }

    internal static TimestampingStatus Describe(int fd)
    {
        int flags = ReadFlags(fd);
        if (flags > 0)
        {
            var f = (TimestampingFlags)flags;
            bool report = (f & TimestampingFlags.Software) != 0;
            bool raw = (f & TimestampingFlags.RawHardware) != 0;
            var rx = raw && (f & TimestampingFlags.RxHardware) != 0 ? TimestampSource.Hardware
                : report && (f & TimestampingFlags.RxSoftware) != 0 ? TimestampSource.Software
                : TimestampSource.None;
            var tx = raw && (f & TimestampingFlags.TxHardware) != 0 ? TimestampSource.Hardware
                : report && (f & TimestampingFlags.TxSoftware) != 0 ? TimestampSource.Software
                : TimestampSource.None;
            return new TimestampingStatus(rx, tx, flags, null);
        }
        int ns = 0;
        uint length = sizeof(int);
        bool timestampNs = SocketOptionNative.getsockopt(fd, SocketOptionNative.SOL_SOCKET, SocketOptionNative.SO_TIMESTAMPNS, &ns, &length) == 0 && ns != 0;
        return new TimestampingStatus(timestampNs ? TimestampSource.Software : TimestampSource.None, TimestampSource.None, 0,
            timestampNs ? "SO_TIMESTAMPNS (software RX only)" : null);
    }

    /// <summary>The socket's SOF_TIMESTAMPING_* flags, or -errno.</summary>
    internal static int ReadFlags(int fd)
    {
        // The kernel answers with struct so_timestamping { int flags; int bind_phc; } cut to the length given.
        long buffer = 0;
        uint length = sizeof(long);
        if (SocketOptionNative.getsockopt(fd, SocketOptionNative.SOL_SOCKET, SocketOptionNative.SO_TIMESTAMPING, &buffer, &length) != 0)
            return -Marshal.GetLastPInvokeError();
        return (int)(buffer & 0xFFFF_FFFF);
    }

    private static string? ProbeHardware(int fd, Socket socket, TimestampRequest request, out bool rx, out bool tx)
    {
        rx = tx = false;
        string? name = request.InterfaceName;
        if (name is null)
        {
            var local = socket.LocalEndPoint as IPEndPoint;
            name = local is null ? null : InterfaceTimestamping.FindInterface(local.Address);
            if (name is null)
                return "hardware: socket is not bound to one interface's address (set TimestampRequest.InterfaceName); using software";
        }
        var info = InterfaceTimestamping.Query(fd, name);
        if (!info.HardwareRx && !info.HardwareTx)
            return $"hardware: {info}; using software";

        if (request.ConfigureInterface && !InterfaceTimestamping.TryEnableHardware(name, out int setErrno))
        {
            if (!InterfaceTimestamping.TryGetHardwareConfig(name, out int txType, out int rxFilter, out _)
                || (txType == HardwareTimestampConfig.TxOff && rxFilter == HardwareTimestampConfig.FilterNone))
            {
                return $"hardware: {info}, but SIOCSHWTSTAMP failed ({Errno.Describe(setErrno)}); using software";
            }
        }
        else if (!request.ConfigureInterface
            && (!InterfaceTimestamping.TryGetHardwareConfig(name, out int txType, out int rxFilter, out int getErrno)
                || (txType == HardwareTimestampConfig.TxOff && rxFilter == HardwareTimestampConfig.FilterNone)))
        {
            return $"hardware: {name} is not configured for hardware stamps (ConfigureInterface is off; {Errno.Describe(getErrno)}); using software";
        }
        rx = request.Receive && info.HardwareRx;
        tx = request.Transmit && info.HardwareTx;
        return $"hardware: {info}";
    }

    private static TimestampingStatus FallBackToTimestampNs(int fd, TimestampRequest request, string note)
    {
        if (!request.Receive)
            return new TimestampingStatus(TimestampSource.None, TimestampSource.None, 0, note) { HardwareFellBack = request.PreferHardware };
        int one = 1;
        if (SocketOptionNative.setsockopt(fd, SocketOptionNative.SOL_SOCKET, SocketOptionNative.SO_TIMESTAMPNS, &one, sizeof(int)) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return new TimestampingStatus(TimestampSource.None, TimestampSource.None, 0, $"{note}; SO_TIMESTAMPNS refused ({Errno.Describe(errno)})")
            {
                HardwareFellBack = request.PreferHardware,
            };
        }
        return new TimestampingStatus(TimestampSource.Software, TimestampSource.None, 0, $"{note}; SO_TIMESTAMPNS (software RX only)")
        {
            HardwareFellBack = request.PreferHardware,
        };
    }

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";
}
