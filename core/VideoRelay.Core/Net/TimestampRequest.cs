namespace VideoRelay.Core.Net;

/// <summary>What <see cref="SocketTimestamping.Enable"/> should turn on.</summary>
public sealed record TimestampRequest
{
    /// <summary>Software RX and TX: works on every Linux socket, loopback included.</summary>
    public static TimestampRequest Software { get; } = new();

    /// <summary>Hardware where the NIC offers it, else software.</summary>
    public static TimestampRequest HardwareIfAvailable { get; } = new() { PreferHardware = true };

    /// <summary>Stamp received packets.</summary>
    public bool Receive { get; init; } = true;

    /// <summary>Stamp sent packets (stamps come back on the error queue, keyed by OPT_ID).</summary>
    public bool Transmit { get; init; } = true;

    /// <summary>Try NIC hardware stamps first (RX_HARDWARE | TX_HARDWARE | RAW_HARDWARE).</summary>
    public bool PreferHardware { get; init; }

    /// <summary>
    /// The interface whose NIC should stamp. When null, the interface owning the socket's bound address is
    /// used; a socket bound to the wildcard address has none, and hardware falls back to software.
    /// </summary>
    public string? InterfaceName { get; init; }

    /// <summary>
    /// Switch the NIC's stamping on with SIOCSHWTSTAMP (TX on, RX filter ALL; needs CAP_NET_ADMIN and affects
    /// every socket on that interface). When false, hardware is used only if the NIC is already configured
    /// (for example by ptp4l).
    /// </summary>
    public bool ConfigureInterface { get; init; } = true;
}
