using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net.Interop;

/// <summary>struct hwtstamp_config from linux/net_tstamp.h (SIOCSHWTSTAMP / SIOCGHWTSTAMP argument).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HardwareTimestampConfig
{
    public const int TxOff = 0;           // HWTSTAMP_TX_OFF
    public const int TxOn = 1;            // HWTSTAMP_TX_ON
    public const int FilterNone = 0;      // HWTSTAMP_FILTER_NONE
    public const int FilterAll = 1;       // HWTSTAMP_FILTER_ALL

    public int Flags;
    public int TxType;
    public int RxFilter;
}
