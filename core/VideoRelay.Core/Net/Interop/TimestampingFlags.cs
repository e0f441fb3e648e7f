namespace VideoRelay.Core.Net.Interop;

/// <summary>SOF_TIMESTAMPING_* from /usr/include/linux/net_tstamp.h (bit positions checked one by one).</summary>
[Flags]
internal enum TimestampingFlags
{
    None = 0,
    TxHardware = 1 << 0,
    TxSoftware = 1 << 1,
    RxHardware = 1 << 2,
    RxSoftware = 1 << 3,
    Software = 1 << 4,
    SysHardware = 1 << 5,
    RawHardware = 1 << 6,
    OptId = 1 << 7,
    TxSched = 1 << 8,
    TxAck = 1 << 9,
    OptCmsg = 1 << 10,
    OptTsOnly = 1 << 11,
    OptStats = 1 << 12,
    OptPktInfo = 1 << 13,
    OptTxSwHw = 1 << 14,
    BindPhc = 1 << 15,
}
