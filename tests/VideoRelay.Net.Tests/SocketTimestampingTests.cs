using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Net;

namespace VideoRelay.Net.Tests;

public sealed class SocketTimestampingTests
{
    [Fact]
    public void Hardware_requested_on_loopback_falls_back_to_software_and_says_so()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        var status = SocketTimestamping.Enable(socket, TimestampRequest.HardwareIfAvailable);

        Assert.Equal(TimestampSource.Software, status.Rx);
        Assert.Equal(TimestampSource.Software, status.Tx);
        Assert.True(status.HardwareFellBack);
        Assert.NotNull(status.Note);
        Assert.Contains("lo:", status.Note);
        Assert.Contains("using software", status.Note);
    }

    [Fact]
    public void Hardware_on_a_named_interface_without_a_phc_falls_back()
    {
        // eth0 here is virtio (and ifb has no driver stamping): the NIC check refuses, software remains.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string name = NetworkInterfaceNames().FirstOrDefault(n => n != "lo") ?? "lo";
        var info = InterfaceTimestamping.Query(name);
        if (info.HardwareRx)
            return; // a real PTP-capable NIC: nothing to fall back from

        var status = SocketTimestamping.Enable(socket, TimestampRequest.HardwareIfAvailable with { InterfaceName = name });

        Assert.Equal(TimestampSource.Software, status.Rx);
        Assert.True(status.HardwareFellBack);
        Assert.Contains(name, status.Note);
    }

    [Fact]
    public void Hardware_on_a_wildcard_bound_socket_says_which_interface_is_missing()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        var status = SocketTimestamping.Enable(socket, TimestampRequest.HardwareIfAvailable);
        Assert.Equal(TimestampSource.Software, status.Rx);
        Assert.Contains("InterfaceName", status.Note);
    }

    [Fact]
    public void Kernel_flags_read_back_are_the_ones_set()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var status = SocketTimestamping.Enable(socket, TimestampRequest.Software);
        // RX_SOFTWARE | TX_SOFTWARE | SOFTWARE | OPT_ID | OPT_TSONLY (linux/net_tstamp.h)
        Assert.Equal((1 << 3) | (1 << 1) | (1 << 4) | (1 << 7) | (1 << 11), status.KernelFlags);
        Assert.Equal(status, SocketTimestamping.Describe(socket));
    }

    [Fact]
    public void Rx_only_request_leaves_tx_off()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var status = SocketTimestamping.Enable(socket, new TimestampRequest { Transmit = false });
        Assert.Equal(TimestampSource.Software, status.Rx);
        Assert.Equal(TimestampSource.None, status.Tx);
    }

    [Fact]
    public void Loopback_reports_software_stamping_and_no_phc()
    {
        var info = InterfaceTimestamping.Query("lo");
        Assert.Equal(0, info.Errno);
        Assert.True(info.SoftwareRx);
        Assert.False(info.HardwareRx);
        Assert.False(info.HardwareTx);
        Assert.Equal(-1, info.PhcIndex);
        Assert.StartsWith("lo: no hardware stamping", info.ToString());
    }

    [Fact]
    public void Enabling_hardware_on_loopback_is_refused_with_an_errno()
    {
        Assert.False(InterfaceTimestamping.TryEnableHardware("lo", out int errno));
        Assert.NotEqual(0, errno);
        Assert.False(InterfaceTimestamping.TryEnableHardware("no-such-if0", out errno));
        Assert.NotEqual(0, errno);
        Assert.False(InterfaceTimestamping.TryEnableHardware("a-name-longer-than-ifnamsiz", out errno));
        Assert.Equal(22, errno); // EINVAL, refused before the ioctl
    }

    [Fact]
    public void Loopback_address_maps_to_lo()
    {
        Assert.Equal("lo", InterfaceTimestamping.FindInterface(IPAddress.Loopback));
        Assert.Null(InterfaceTimestamping.FindInterface(IPAddress.Any));
    }

    private static IEnumerable<string> NetworkInterfaceNames() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name);
}
