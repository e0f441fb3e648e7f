namespace VideoRelay.Edge;

/// <summary>Counters of the edge's UDP port and sessions (Interlocked; read by /metrics).</summary>
public sealed class EdgeCounters
{
    public long StunChecks;
    public long StunDropped;
    public long StunErrors;
    public long DtlsDatagrams;
    public long DtlsNoSession;
    public long DtlsDropped;
    public long RtcpPackets;
    public long RtcpNoSession;
    public long RtcpAuthFailed;
    public long RtcpMalformed;
    public long RtpFromViewers;
    public long UnknownDatagrams;
    public long NacksReceived;
    public long PlisReceived;
    public long TwccFeedback;
    public long SessionsCreated;
    public long SessionsClosed;
    public long SessionsTimedOut;
    public long OffersRefused;
}
