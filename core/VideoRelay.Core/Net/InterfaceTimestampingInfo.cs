namespace VideoRelay.Core.Net;

/// <summary>
/// An interface's timestamping capabilities (ETHTOOL_GET_TS_INFO, what <c>ethtool -T</c> prints).
/// </summary>
/// <param name="Errno">0 when the query worked; otherwise the other fields are empty.</param>
/// <param name="Capabilities">SOF_TIMESTAMPING_* bits the device supports.</param>
/// <param name="PhcIndex">The PTP hardware clock (/dev/ptpN), -1 for none.</param>
/// <param name="TxTypes">Bit mask of supported HWTSTAMP_TX_* values.</param>
/// <param name="RxFilters">Bit mask of supported HWTSTAMP_FILTER_* values.</param>
public readonly record struct InterfaceTimestampingInfo(string Name, int Errno, int Capabilities, int PhcIndex, uint TxTypes, uint RxFilters)
{
    private const int RxHardwareBits = (1 << 2) | (1 << 6); // RX_HARDWARE | RAW_HARDWARE
    private const int TxHardwareBits = (1 << 0) | (1 << 6); // TX_HARDWARE | RAW_HARDWARE

    public bool HardwareRx => Errno == 0 && (Capabilities & RxHardwareBits) == RxHardwareBits && RxFilters > 1;

    public bool HardwareTx => Errno == 0 && (Capabilities & TxHardwareBits) == TxHardwareBits && (TxTypes & 2) != 0;

    public bool SoftwareRx => Errno == 0 && (Capabilities & (1 << 3)) != 0;

    public bool SoftwareTx => Errno == 0 && (Capabilities & (1 << 1)) != 0;

    /// <summary>"eth0: hardware RX/TX, PHC /dev/ptp0" / "lo: software RX/TX, no PHC".</summary>
    public override string ToString()
    {
        if (Errno != 0)
            return $"{Name}: query failed ({Interop.Errno.Describe(Errno)})";
        string hw = HardwareRx || HardwareTx
            ? $"hardware {(HardwareRx ? "RX" : "")}{(HardwareRx && HardwareTx ? "/" : "")}{(HardwareTx ? "TX" : "")}"
            : "no hardware stamping";
        string sw = SoftwareRx || SoftwareTx
            ? $", software {(SoftwareRx ? "RX" : "")}{(SoftwareRx && SoftwareTx ? "/" : "")}{(SoftwareTx ? "TX" : "")}"
            : "";
        string phc = PhcIndex >= 0 ? $", PHC /dev/ptp{PhcIndex}" : ", no PHC";
        return $"{Name}: {hw}{sw}{phc}";
    }
}
