using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Transcode;

namespace VideoRelay.Bench.Transcode;

/// <summary>
/// Receives the ladder's frames: counts them per rendition (for the closed-loop unpaced run) and, for source
/// frames at or after <c>measureFrom</c>, records per rendition TranscodeStart → TranscodeEnd and submit
/// (Capture) → TranscodeEnd, and keeps each frame's last TranscodeEnd over the ladder. Releases every lease.
/// Each rendition's calls come from its own encoder thread, so the per-rendition state needs no lock.
/// </summary>
public sealed class LadderOutput : ITranscodeOutput
{
    private readonly long[] _framesOut;
    private readonly long[] _lastEnd; // per source frame: latest TranscodeEnd over the renditions (ns since the epoch)
    private readonly long[] _submitted; // per source frame: Capture stamp
    private readonly int[] _deliveries; // per source frame: renditions that delivered it
    private readonly Lock _lock = new();
    private readonly int _measureFrom;
    private long _sequenceErrors;

    public LadderOutput(int renditions, int frames, int measureFrom)
    {
        _framesOut = new long[renditions + 1];
        _lastEnd = new long[frames];
        _submitted = new long[frames];
        _deliveries = new int[frames];
        _measureFrom = measureFrom;
        StartToEnd = new LatencyHistogram[renditions + 1];
        SubmitToEnd = new LatencyHistogram[renditions + 1];
        for (int r = 1; r <= renditions; r++)
        {
            StartToEnd[r] = new LatencyHistogram();
            SubmitToEnd[r] = new LatencyHistogram();
        }
    }

    /// <summary>Per rendition (index 1..N): Hop.TranscodeStart → Hop.TranscodeEnd, ns.</summary>
    public LatencyHistogram[] StartToEnd { get; }

    /// <summary>Per rendition: Hop.Capture (stamped just before submit) → Hop.TranscodeEnd, ns: adds the wait in the decode queue.</summary>
    public LatencyHistogram[] SubmitToEnd { get; }

    /// <summary>Called for the first measured frame of each rendition (to reset the transcoder's own encode-time histograms).</summary>
    public Action<int>? MeasurementStarted { get; set; }

    /// <summary>Frames whose pts did not map to a source frame (should stay 0).</summary>
    public long SequenceErrors => Interlocked.Read(ref _sequenceErrors);

    public long FramesOut(int rendition) => Volatile.Read(ref _framesOut[rendition]);

    /// <summary>Fewest frames any of the renditions 1..N delivered.</summary>
    public long MinFramesOut()
    {
        long min = long.MaxValue;
        for (int r = 1; r < _framesOut.Length; r++)
        {
            min = Math.Min(min, Volatile.Read(ref _framesOut[r]));
        }
        return min;
    }

    /// <summary>Submit → the last rendition's TranscodeEnd, for every measured frame every rendition delivered.</summary>
    public LatencyHistogram WholeLadder()
    {
        var h = new LatencyHistogram();
        lock (_lock)
        {
            for (int i = _measureFrom; i < _lastEnd.Length; i++)
            {
                if (_deliveries[i] == _framesOut.Length - 1)
                {
                    h.Record(_lastEnd[i] - _submitted[i]);
                }
            }
        }
        return h;
    }

    public void OnVideoConfig(int rendition, CodecConfig config)
    {
    }

    public void OnVideoFrame(int rendition, in MediaFrame frame)
    {
        long index = frame.Pts / (90_000 / SourceClipFactory.FrameRate);
        if (rendition <= 0 || rendition >= _framesOut.Length || index < 0 || index >= _lastEnd.Length)
        {
            Interlocked.Increment(ref _sequenceErrors);
            frame.Release();
            return;
        }
        int i = (int)index;
        long end = frame.Timing[Hop.TranscodeEnd];
        long submitted = frame.Timing[Hop.Capture];
        if (i >= _measureFrom)
        {
            if (StartToEnd[rendition].Count == 0)
            {
                MeasurementStarted?.Invoke(rendition);
            }
            StartToEnd[rendition].Record(end - frame.Timing[Hop.TranscodeStart]);
            SubmitToEnd[rendition].Record(end - submitted);
        }
        lock (_lock)
        {
            _submitted[i] = submitted;
            _lastEnd[i] = Math.Max(_lastEnd[i], end);
            _deliveries[i]++;
        }
        Interlocked.Increment(ref _framesOut[rendition]);
        frame.Release();
    }

    public void OnAudioConfig(CodecConfig opusConfig)
    {
    }

    public void OnAudioFrame(in MediaFrame frame) => frame.Release();
}
