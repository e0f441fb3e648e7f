namespace VideoRelay.Bench.Latency;

/// <summary>
/// The publisher's frame schedule and what really happened: frame <c>i</c> is due at
/// <c>start + i / fps</c> (its timecode shows that time in ms); <see cref="Record"/> keeps the Unix ns at which
/// its bytes actually started into the encoder (the capture time every latency is measured from).
/// </summary>
internal sealed class CaptureLog
{
    private readonly long[] _captureNs;
    private readonly long _intervalNs;
    private int _count;

    public CaptureLog(long startUnixNs, int framesPerSecond, int capacity)
    {
        StartUnixNs = startUnixNs;
        FramesPerSecond = framesPerSecond;
        _intervalNs = 1_000_000_000L / framesPerSecond;
        _captureNs = new long[capacity];
    }

    public long StartUnixNs { get; }
    public int FramesPerSecond { get; }
    public int Capacity => _captureNs.Length;

    /// <summary>Frames recorded so far (indices 0 … Count − 1).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>When frame <paramref name="index"/> is due (exact to the ns; 1/fps apart, no drift).</summary>
    public long ScheduledUnixNs(long index) => StartUnixNs + index * 1_000_000_000L / FramesPerSecond;

    /// <summary>The publisher thread: frame <paramref name="index"/> (the next one) started into the encoder at <paramref name="unixNs"/>.</summary>
    public void Record(int index, long unixNs)
    {
        _captureNs[index] = unixNs;
        Volatile.Write(ref _count, index + 1);
    }

    public bool TryGetCapture(long index, out long unixNs)
    {
        unixNs = 0;
        if (index < 0 || index >= Count)
        {
            return false;
        }
        unixNs = Volatile.Read(ref _captureNs[index]);
        return unixNs != 0;
    }

    /// <summary>The frame whose timecode shows <paramref name="timecodeUnixMs"/>, or -1 when it is not near a scheduled frame.</summary>
    public long IndexOfTimecode(long timecodeUnixMs)
    {
        long sinceStart = timecodeUnixMs * 1_000_000 - StartUnixNs;
        long index = (long)Math.Round(sinceStart / (double)_intervalNs);
        // the timecode is the scheduled time truncated to ms: it lies within 1 ms below the schedule
        long error = ScheduledUnixNs(index) - timecodeUnixMs * 1_000_000;
        return index >= 0 && error is >= -1_000_000 and <= 1_000_000 ? index : -1;
    }
}
