using System.Collections.Concurrent;
using VideoRelay.Core.Media;

namespace VideoRelay.Core.Streams;

/// <summary>
/// Fans one track (a rendition's video, or a stream's audio) out to its readers. Every method but
/// <see cref="Subscribe"/> and <see cref="ReaderCount"/> runs on the track's single producer thread, so the
/// reader list and the GOP cache need no lock: a new reader is queued, and the producer adopts it at its next
/// frame — writing the GOP cache into it first, so a new viewer starts at the last keyframe, not the next.
/// </summary>
public sealed class TrackDistributor : IDisposable
{
    private readonly ConcurrentQueue<FrameReader> _pending = new();
    private readonly List<MediaFrame> _gop;
    private readonly int _gopMaxFrames;
    private readonly long _gopMaxBytes;
    private FrameReader[] _readers = [];
    private long _gopBytes;
    private long _frames;
    private long _bytes;

    /// <param name="name">For logs and metrics.</param>
    /// <param name="keepGop">Keep the frames since the last keyframe for new readers (video tracks).</param>
    public TrackDistributor(string name, bool keepGop, int gopMaxFrames = 600, long gopMaxBytes = 32 << 20)
    {
        Name = name;
        KeepGop = keepGop;
        _gopMaxFrames = gopMaxFrames;
        _gopMaxBytes = gopMaxBytes;
        _gop = new List<MediaFrame>(keepGop ? Math.Min(gopMaxFrames, 128) : 0);
    }

    public string Name { get; }
    public bool KeepGop { get; }

    /// <summary>Readers currently attached (including ones waiting to be adopted).</summary>
    public int ReaderCount => Volatile.Read(ref _readers).Length + _pending.Count;

    /// <summary>Frames published so far.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Payload bytes published so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Frames in the GOP cache (producer's view).</summary>
    public int GopFrames => _gop.Count;

    /// <summary>Any thread: attaches a reader; it receives the GOP cache, then live frames.</summary>
    public void Subscribe(FrameReader reader) => _pending.Enqueue(reader);

    /// <summary>
    /// Producer thread: delivers a frame to every reader (each gets its own reference). The caller keeps its
    /// own reference and releases it as usual.
    /// </summary>
    public void Publish(in MediaFrame frame)
    {
        Interlocked.Increment(ref _frames);
        Interlocked.Add(ref _bytes, frame.Length);
        if (KeepGop && frame.IsKeyframe)
        {
            ClearGop(); // a new reader adopted now starts right at this keyframe
        }
        if (!_pending.IsEmpty)
        {
            AdoptPending();
        }
        if (KeepGop)
        {
            AppendGop(frame);
        }
        FrameReader[] readers = _readers;
        bool anyClosed = false;
        foreach (FrameReader reader in readers)
        {
            if (!reader.TryWrite(frame) && reader.IsClosed)
            {
                anyClosed = true;
            }
        }
        if (anyClosed)
        {
            RemoveClosed();
        }
    }

    /// <summary>Producer thread: adopts waiting readers even when no frame flows (e.g. stream idle).</summary>
    public void AdoptPendingNow()
    {
        if (!_pending.IsEmpty)
        {
            AdoptPending();
        }
    }

    private void AppendGop(in MediaFrame frame)
    {
        if (!frame.IsKeyframe && _gop.Count == 0)
        {
            return; // nothing useful before the first keyframe
        }
        if (_gop.Count >= _gopMaxFrames || _gopBytes + frame.Length > _gopMaxBytes)
        {
            ClearGop(); // GOP too long to cache: new readers wait for the next keyframe
            return;
        }
        frame.AddRef();
        _gop.Add(frame);
        _gopBytes += frame.Length;
    }

    private void ClearGop()
    {
        foreach (MediaFrame cached in _gop)
        {
            cached.Release();
        }
        _gop.Clear();
        _gopBytes = 0;
    }

    private void AdoptPending()
    {
        var list = new List<FrameReader>(_readers);
        while (_pending.TryDequeue(out FrameReader? reader))
        {
            foreach (MediaFrame cached in _gop)
            {
                reader.TryWrite(cached);
            }
            list.Add(reader);
        }
        Volatile.Write(ref _readers, list.ToArray());
    }

    private void RemoveClosed()
    {
        Volatile.Write(ref _readers, Array.FindAll(_readers, r => !r.IsClosed));
    }

    /// <summary>Producer thread (or after it stopped): releases the GOP cache and forgets readers.</summary>
    public void Dispose()
    {
        ClearGop();
        Volatile.Write(ref _readers, []);
    }
}
