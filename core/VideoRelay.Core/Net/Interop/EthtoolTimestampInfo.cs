using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>struct ethtool_ts_info from linux/ethtool.h (44 bytes): the answer to ETHTOOL_GET_TS_INFO (0x41).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EthtoolTimestampInfo
{
    public const uint GetTimestampInfo = 0x00000041;

    public uint Command;
    public uint SoTimestamping;
    public int PhcIndex;
    public uint TxTypes;
    public fixed uint TxReserved[3];
    public uint RxFilters;
    public fixed uint RxReserved[3];
}
