namespace VideoRelay.Core.Net;

/// <summary>SCM_TSTAMP_* from linux/errqueue.h: which point of a send a TX stamp records.</summary>
public enum TxTimestampKind : byte
{
    /// <summary>SCM_TSTAMP_SND: the driver handed the packet to the NIC (software) or the NIC sent it (hardware).</summary>
    Sent = 0,

    /// <summary>SCM_TSTAMP_SCHED: the packet entered the qdisc.</summary>
    Scheduled = 1,

    /// <summary>SCM_TSTAMP_ACK: TCP only, the peer acknowledged the byte.</summary>
    Acknowledged = 2,
}
