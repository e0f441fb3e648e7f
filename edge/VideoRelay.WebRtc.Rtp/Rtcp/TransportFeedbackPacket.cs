namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>
/// One packet reported by transport-wide CC feedback: its transport sequence number, whether it arrived,
/// its receive delta (250 µs ticks, relative to the previous received packet or to the reference time)
/// and its arrival time in microseconds on the receiver's clock (reference time × 64 ms + deltas).
/// </summary>
public readonly record struct TransportFeedbackPacket(
    ushort SequenceNumber,
    TransportFeedbackSymbol Status,
    int DeltaTicks,
    long ArrivalMicroseconds)
{
    public const int MicrosecondsPerTick = 250;

    public bool Received => Status != TransportFeedbackSymbol.NotReceived;

    public int DeltaMicroseconds => DeltaTicks * MicrosecondsPerTick;
}
