namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// RFC 7675 consent freshness for one session: every authenticated check from the remote refreshes
/// consent; once no check arrived for <see cref="Timeout"/> (default 30 s) consent has expired and the
/// caller must stop sending. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Thread-safe: the receive loop calls <see cref="Refresh"/>, a sender or a sweeper reads
/// <see cref="IsExpired"/>. Consent counts from construction (the offer/answer exchange), so a viewer
/// that never completes ICE also expires.
/// </remarks>
public sealed class ConsentFreshness
{
    /// <summary>RFC 7675 §5.1: consent expires 30 seconds after the last successful check.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private long _lastRefresh;

    /// <summary>Starts tracking, with consent counted from now.</summary>
    public ConsentFreshness(TimeProvider timeProvider, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeSpan t = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        _time = timeProvider;
        Timeout = t;
        _lastRefresh = timeProvider.GetTimestamp();
    }

    /// <summary>How long consent lasts after a valid check.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Time since the last valid check (or construction).</summary>
    public TimeSpan SinceLastRefresh => _time.GetElapsedTime(Volatile.Read(ref _lastRefresh));

    /// <summary>True once <see cref="Timeout"/> has passed without a valid check.</summary>
    public bool IsExpired => SinceLastRefresh >= Timeout;

    /// <summary>Records a valid, authenticated check from the remote.</summary>
    public void Refresh() => Volatile.Write(ref _lastRefresh, _time.GetTimestamp());
}
