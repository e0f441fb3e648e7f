using System.Diagnostics;

namespace VideoRelay.Ingest.Rtmp;

/// <summary>Live counters of an <see cref="RtmpServer"/> (thread-safe reads).</summary>
[DebuggerDisplay("accepted {ConnectionsAccepted}, active {ConnectionsActive}, frames {FramesOut}")]
public sealed class RtmpServerCounters
{
    private readonly long[] _closed = new long[Enum.GetValues<RtmpCloseReason>().Length];
    private long _accepted;
    private long _active;
    private long _bytesIn;
    private long _framesOut;
    private long _videoFrames;
    private long _audioFrames;
    private long _plainHandshakes;
    private long _digestHandshakes;
    private long _publishes;

    /// <summary>Receive timestamp source the last accepted connection's socket got (SO_TIMESTAMPING).</summary>
    public VideoRelay.Core.Net.TimestampSource RxTimestampSource { get; internal set; }

    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);
    public long ConnectionsActive => Interlocked.Read(ref _active);

    /// <summary>Bytes received from publishers (handshake included).</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Frames handed to publish sessions (video + audio).</summary>
    public long FramesOut => Interlocked.Read(ref _framesOut);

    public long VideoFramesOut => Interlocked.Read(ref _videoFrames);
    public long AudioFramesOut => Interlocked.Read(ref _audioFrames);
    public long PlainHandshakes => Interlocked.Read(ref _plainHandshakes);
    public long DigestHandshakes => Interlocked.Read(ref _digestHandshakes);

    /// <summary>Publishes the authority accepted.</summary>
    public long PublishesStarted => Interlocked.Read(ref _publishes);

    /// <summary>Connections ended for <paramref name="reason"/>.</summary>
    public long Closed(RtmpCloseReason reason) => Interlocked.Read(ref _closed[(int)reason]);

    /// <summary>Connections ended, all reasons.</summary>
    public long ClosedTotal
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _closed.Length; i++)
            {
                total += Interlocked.Read(ref _closed[i]);
            }
            return total;
        }
    }

    internal void OnAccepted()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _active);
    }

    internal void OnClosed(RtmpCloseReason reason)
    {
        Interlocked.Increment(ref _closed[(int)reason]);
        Interlocked.Decrement(ref _active);
    }

    internal void OnRefusedAtAccept()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _closed[(int)RtmpCloseReason.ServerFull]);
    }

    internal void AddBytesIn(int count) => Interlocked.Add(ref _bytesIn, count);

    internal void OnFrame(bool video)
    {
        Interlocked.Increment(ref _framesOut);
        Interlocked.Increment(ref video ? ref _videoFrames : ref _audioFrames);
    }

    internal void OnHandshake(bool digest) => Interlocked.Increment(ref digest ? ref _digestHandshakes : ref _plainHandshakes);

    internal void OnPublish() => Interlocked.Increment(ref _publishes);
}
