using System.Diagnostics;
using VideoRelay.Core.Media;
using VideoRelay.Core.Queues;

namespace VideoRelay.Core.Streams;

/// <summary>
/// One consumer's bounded inbox for a stream: a video ring and an audio ring (each filled by one
/// producer thread — the rendition's encoder or the publisher — and drained by this reader's thread),
/// sharing one waiter. A full ring drops the frame and counts it; after a dropped video frame the reader
/// skips video until the next keyframe, so a slow consumer never sees a broken picture and never delays
/// the producer (mediamtx's shape).
/// </summary>
[DebuggerDisplay("{Name}: video {Video.Count}, audio {Audio.Count}, dropped {Dropped}")]
public sealed class FrameReader : IDisposable
{
    private readonly bool _ownsWaiter;
    private bool _waitForKeyframe;
    private long _dropped;
    private long _written;
    private int _closed;

    /// <param name="waiter">A waiter shared with other readers drained by the same thread (null: a waiter of its own).</param>
    public FrameReader(string name, int videoCapacity = 256, int audioCapacity = 256, SpscWaiter? waiter = null)
    {
        Name = name;
        Video = new SpscRing<MediaFrame>(videoCapacity);
        Audio = new SpscRing<MediaFrame>(audioCapacity);
        _ownsWaiter = waiter is null;
        Waiter = waiter ?? new SpscWaiter();
    }

    public string Name { get; }
    public SpscRing<MediaFrame> Video { get; }
    public SpscRing<MediaFrame> Audio { get; }
    /// <summary>Notified on every accepted frame; the consumer waits on it.</summary>
    public SpscWaiter Waiter { get; }

    /// <summary>Whether a frame is waiting (consumer only).</summary>
    public bool HasFrames => Video.HasItems || Audio.HasItems;

    /// <summary>Frames dropped because this reader was full (or waiting for a keyframe after such a drop).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Frames accepted.</summary>
    public long Written => Interlocked.Read(ref _written);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Producer of the frame's track: offers a frame. Adds a reference when accepted; the caller keeps its own.
    /// Returns false when dropped (counted).
    /// </summary>
    public bool TryWrite(in MediaFrame frame)
    {
        if (IsClosed)
        {
            return false;
        }
        bool video = frame.IsVideo;
        if (video && _waitForKeyframe)
        {
            if (!frame.IsKeyframe)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }
            _waitForKeyframe = false;
        }
        frame.AddRef();
        if (!(video ? Video : Audio).TryEnqueue(frame))
        {
            frame.Release();
            Interlocked.Increment(ref _dropped);
            if (video)
            {
                _waitForKeyframe = true;
            }
            return false;
        }
        Interlocked.Increment(ref _written);
        Waiter.Notify();
        return true;
    }

    /// <summary>Consumer: takes the next frame (video first), or false when both rings are empty.</summary>
    public bool TryRead(out MediaFrame frame) => Video.TryDequeue(out frame) || Audio.TryDequeue(out frame);

    /// <summary>Consumer: waits (spin → yield → park) for a frame or the timeout.</summary>
    public bool WaitForFrame(int timeoutMilliseconds = 100) =>
        Waiter.Wait(new AnyFrame(this), timeoutMilliseconds);

    /// <summary>Stops accepting frames and releases whatever is still queued (call from the consumer).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        while (TryRead(out MediaFrame frame))
        {
            frame.Release();
        }
        if (_ownsWaiter)
        {
            Waiter.Dispose();
        }
    }

    private readonly struct AnyFrame(FrameReader reader) : IWaitCondition
    {
        public bool IsReady => reader.Video.HasItems || reader.Audio.HasItems || reader.IsClosed;
    }
}
