using System.Buffers;
using System.Threading.Channels;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// One of our WHEP viewers, measuring capture → received for every video frame. The frame's capture index comes
/// from the picture itself: access units are decoded (all of them, or keyframes only to spare the CPU) and the
/// visual timecode read; the first readable timecode ties the viewer's RTP timestamps to capture indices
/// (one frame = 90000 / fps ticks), which then maps every frame, decoded or not. Decoded frames check the map
/// (<see cref="MapMismatches"/> must stay 0). Latency = the frame's last packet received − its capture time.
/// </summary>
internal sealed class ViewerProbe : IAsyncDisposable
{
    private readonly CaptureLog _log;
    private readonly bool _decodeAll;
    private readonly int _ticksPerFrame;
    private readonly Channel<Pending> _decodeQueue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(64)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = true,
    });
    private readonly List<(uint Rtp, long ReceivedNs)> _unmapped = [];
    private readonly Lock _lock = new();
    private readonly Task _decoding;
    private WhepViewer? _viewer;
    private bool _calibrated;
    private uint _rtp0;
    private long _index0;
    private long _measureFromNs = long.MaxValue; // nothing counts before MeasureFrom (the warm-up)
    private long _frames, _decodeDropped, _timecodes, _mismatches, _noCapture;

    private ViewerProbe(string label, string rendition, CaptureLog log, bool decodeAll)
    {
        Label = label;
        Rendition = rendition;
        _log = log;
        _decodeAll = decodeAll;
        _ticksPerFrame = 90_000 / log.FramesPerSecond;
        CaptureToReceived = new LatencyHistogram($"viewer/{label}");
        Series = new LatencySeries(label);
        _decoding = Task.Factory.StartNew(DecodeLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public string Label { get; }
    public string Rendition { get; }
    public LatencyHistogram CaptureToReceived { get; }

    /// <summary>Capture → received over the last progress interval (reset by the caller).</summary>
    public LatencyHistogram Interval { get; } = new();

    public LatencySeries Series { get; }
    public long Frames => Interlocked.Read(ref _frames);
    public long TimecodesRead => Interlocked.Read(ref _timecodes);
    public long MapMismatches => Interlocked.Read(ref _mismatches);
    public long DecodeDropped => Interlocked.Read(ref _decodeDropped);

    /// <summary>Frames whose capture index mapped outside what the publisher sent (should stay 0).</summary>
    public long NoCapture => Interlocked.Read(ref _noCapture);

    public WhepViewerCounters? Counters => _viewer?.Counters;

    public static async Task<ViewerProbe> ConnectAsync(Uri whepUrl, string label, string rendition, CaptureLog log, bool decodeAll, CancellationToken ct)
    {
        var probe = new ViewerProbe(label, rendition, log, decodeAll);
        try
        {
            probe._viewer = await WhepViewer.ConnectAsync(whepUrl, new WhepViewerOptions
            {
                FrameQueueCapacity = 0,
                OnFrame = probe.OnFrame,
            }, ct).ConfigureAwait(false);
            return probe;
        }
        catch
        {
            await probe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Only frames captured at or after <paramref name="unixNs"/> count (the end of the warm-up).</summary>
    public void MeasureFrom(long unixNs) => Volatile.Write(ref _measureFromNs, unixNs);

    /// <summary>The viewer's receive thread: map (or hold) the frame, queue it for the decoder if wanted.</summary>
    private void OnFrame(MediaKind kind, uint rtpTimestamp, bool keyframe, ReadOnlySpan<byte> payload, long receivedUnixNs)
    {
        if (kind != MediaKind.Video)
        {
            return;
        }
        Interlocked.Increment(ref _frames);
        lock (_lock)
        {
            if (_calibrated)
            {
                RecordLocked(rtpTimestamp, receivedUnixNs);
            }
            else
            {
                _unmapped.Add((rtpTimestamp, receivedUnixNs));
            }
        }
        if (_decodeAll || keyframe || !_calibrated)
        {
            byte[] copy = ArrayPool<byte>.Shared.Rent(payload.Length);
            payload.CopyTo(copy);
            if (!_decodeQueue.Writer.TryWrite(new Pending(copy, payload.Length, rtpTimestamp)))
            {
                ArrayPool<byte>.Shared.Return(copy);
                Interlocked.Increment(ref _decodeDropped);
            }
        }
    }

    private async Task DecodeLoop()
    {
        using var reader = new TimecodeReader();
        await foreach (Pending p in _decodeQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                reader.Decode(p.Buffer.AsSpan(0, p.Length), p.Rtp, OnTimecode);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(p.Buffer);
            }
        }
    }

    /// <summary>The decoder thread: a picture's timecode, i.e. its capture index.</summary>
    private void OnTimecode(long token, long timecodeUnixMs)
    {
        long index = _log.IndexOfTimecode(timecodeUnixMs);
        if (index < 0)
        {
            return;
        }
        Interlocked.Increment(ref _timecodes);
        uint rtp = (uint)token;
        lock (_lock)
        {
            if (!_calibrated)
            {
                _rtp0 = rtp;
                _index0 = index;
                _calibrated = true;
                foreach ((uint r, long received) in _unmapped)
                {
                    RecordLocked(r, received);
                }
                _unmapped.Clear();
            }
            else if (MapLocked(rtp) != index)
            {
                Interlocked.Increment(ref _mismatches);
            }
        }
    }

    private long MapLocked(uint rtp) => _index0 + (long)Math.Round((int)(rtp - _rtp0) / (double)_ticksPerFrame);

    private void RecordLocked(uint rtp, long receivedUnixNs)
    {
        if (!_log.TryGetCapture(MapLocked(rtp), out long captureNs))
        {
            Interlocked.Increment(ref _noCapture);
            return;
        }
        if (captureNs < Volatile.Read(ref _measureFromNs))
        {
            return;
        }
        long latency = receivedUnixNs - captureNs;
        CaptureToReceived.Record(latency);
        Interval.Record(latency);
        Series.Add(captureNs, latency);
    }

    public async ValueTask DisposeAsync()
    {
        if (_viewer is not null)
        {
            await _viewer.DisposeAsync().ConfigureAwait(false);
        }
        _decodeQueue.Writer.TryComplete();
        await _decoding.ConfigureAwait(false);
    }

    private readonly record struct Pending(byte[] Buffer, int Length, uint Rtp);
}
