namespace VideoRelay.Core.Net;

/// <summary>Which clock stamped a packet (or would, once enabled).</summary>
public enum TimestampSource : byte
{
    /// <summary>No kernel timestamp.</summary>
    None = 0,

    /// <summary>Kernel software stamp, CLOCK_REALTIME: compares directly with <see cref="Timing.Clock.UnixNowNs"/>.</summary>
    Software = 1,

    /// <summary>NIC hardware stamp (raw PHC time; equals CLOCK_REALTIME only when phc2sys keeps them together).</summary>
    Hardware = 2,
}
