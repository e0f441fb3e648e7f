using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Edge.Sessions;
using VideoRelay.Edge.Transport;
using VideoRelay.WebRtc.Rtp.H264;
using VideoRelay.WebRtc.Rtp.Opus;

namespace VideoRelay.Edge.Fanout;

/// <summary>
/// Everything one stream sends, on one thread: drains a reader per rendition in use (and one for audio),
/// packetizes each frame once into canonical packets, and hands each packet to every viewer of that rendition
/// (header rewrite + SRTP + send). The same thread answers NACKs from the retransmission history and sends
/// sender reports, so a viewer's outbound SRTP context has exactly one user.
/// </summary>
internal sealed class StreamFanout : IDisposable
{
    private const int MaxPayload = 1200 - 12 - 20; // RTP header and extensions within a 1200-byte packet, before SRTP
    private static readonly long IdleFeedTicks = Clock.Frequency * 10;
    private static readonly long ReportIntervalTicks = Clock.Frequency;

    private readonly IStreamHandle _stream;
    private readonly EdgeOptions _options;
    private readonly PinnedBufferPool _packets;
    private readonly ViewerSender _sender;
    private readonly UdpTransport _udp;
    private readonly ILogger _log;
    private readonly SpscWaiter _waiter = new();
    private readonly ConcurrentQueue<ViewerSession> _joining = new();
    private readonly List<ViewerSession> _viewers = [];
    private readonly MediaFeed?[] _video = new MediaFeed?[8];
    private readonly Thread _thread;
    private MediaFeed? _audio;
    private volatile bool _stopping;
    private volatile bool _controlPending;
    private int _viewerCount;

    public StreamFanout(string name, IStreamHandle stream, EdgeOptions options, PinnedBufferPool packets, UdpTransport udp, ILogger log)
    {
        Name = name;
        _stream = stream;
        _options = options;
        _packets = packets;
        _udp = udp;
        _sender = new ViewerSender(udp, options.ZeroPlayoutDelay);
        _log = log;
        Latency = new HopHistograms($"edge/{name}");
        _thread = new Thread(Run) { IsBackground = true, Name = $"fanout-{name}" };
        _thread.Start();
    }

    public string Name { get; }
    public IStreamHandle Stream => _stream;
    public int ViewerCount => Volatile.Read(ref _viewerCount) + _joining.Count;
    /// <summary>Per-hop latency of every frame this stream's fan-out sent (all renditions together).</summary>
    public HopHistograms Latency { get; }

    /// <summary>Per-hop latency per rendition (keyed by rendition name; audio not included).</summary>
    public IReadOnlyDictionary<string, HopHistograms> RenditionLatency => _renditionLatency;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HopHistograms> _renditionLatency = new(StringComparer.Ordinal);

    private HopHistograms LatencyOf(int renditionId)
    {
        string name = _stream.Renditions.FirstOrDefault(r => r.Id == renditionId)?.Name ?? renditionId.ToString();
        return _renditionLatency.GetOrAdd(name, n => new HopHistograms($"edge/{Name}/{n}"));
    }
    public long FramesDropped { get; private set; }
    public long PacketsSent { get; private set; }

    /// <summary>Any thread: a viewer to serve (it starts once its SRTP keys are in place).</summary>
    public void Add(ViewerSession viewer)
    {
        _joining.Enqueue(viewer);
        Wake();
    }

    /// <summary>Any thread: something for the fan-out thread to look at (a NACK, a PLI, a state change).</summary>
    public void Wake()
    {
        _controlPending = true;
        _waiter.Notify();
    }

    private void Run()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.Enter();
        while (!_stopping)
        {
            try
            {
                bool busy = Adopt();
                foreach (MediaFeed? feed in _video)
                {
                    if (feed is not null)
                    {
                        busy |= Drain(feed);
                    }
                }
                if (_audio is not null)
                {
                    busy |= Drain(_audio);
                }
                _controlPending = false;
                ServiceViewers();
                _sender.Flush(); // GOP starts, NACK answers, sender reports
                if (!busy)
                {
                    _waiter.Wait(new Work(this), 20);
                }
            }
            catch (Exception e)
            {
                Log.FanoutFailed(_log, Name, e);
                Thread.Sleep(100);
            }
        }
        Shutdown();
    }

    private bool Adopt()
    {
        bool any = false;
        while (_joining.TryDequeue(out ViewerSession? viewer))
        {
            any = true;
            _viewers.Add(viewer);
            if (viewer.Media.HasVideo)
            {
                EnsureVideoFeed(viewer.RenditionId);
            }
            if (viewer.Media.HasAudio && _audio is null && _stream.AudioConfig is not null)
            {
                var reader = new FrameReader($"{Name}/audio", 16, 256, _waiter);
                _audio = new MediaFeed(-1, isVideo: false, reader, 1024);
                _stream.SubscribeAudio(reader);
            }
        }
        Volatile.Write(ref _viewerCount, _viewers.Count);
        return any;
    }

    private MediaFeed EnsureVideoFeed(int renditionId)
    {
        if (_video[renditionId] is { } existing)
        {
            return existing;
        }
        var reader = new FrameReader($"{Name}/{renditionId}", 256, 16, _waiter);
        var feed = new MediaFeed(renditionId, isVideo: true, reader, _options.RetransmissionPackets)
        {
            LastUsedTicks = Clock.Ticks,
            Latency = LatencyOf(renditionId),
        };
        _video[renditionId] = feed;
        _stream.Subscribe(renditionId, reader, withAudio: false);
        return feed;
    }

    private bool Drain(MediaFeed feed)
    {
        int n = 0;
        while (n < 64 && feed.Reader.TryRead(out MediaFrame frame))
        {
            n++;
            try
            {
                if (!frame.Timing.Has(Hop.EdgeRx))
                {
                    frame.Timing.StampNow(Hop.EdgeRx); // in memory (all-in-one); a relay client stamps its own receive
                }
                if (feed.IsVideo)
                {
                    PacketizeVideo(feed, ref frame);
                }
                else
                {
                    PacketizeAudio(feed, frame);
                }
            }
            finally
            {
                frame.Release();
            }
        }
        return n > 0;
    }

    private void PacketizeVideo(MediaFeed feed, ref MediaFrame frame)
    {
        CodecConfig? config = frame.Config;
        bool keyframe = frame.IsKeyframe;
        var iterator = new H264PacketIterator(frame.Payload, config?.Sps ?? default, config?.Pps ?? default, keyframe, MaxPayload);
        if (keyframe)
        {
            feed.BeginKeyframe();
        }
        uint timestamp = (uint)frame.Pts;
        bool first = true;
        while (true)
        {
            if (!_packets.TryRent(out BufferLease lease))
            {
                feed.Dropped++;
                FramesDropped++;
                return;
            }
            if (!iterator.TryNext(lease.Span[CanonicalPacket.HeaderSize..], out int written, out bool marker))
            {
                lease.Release();
                if (iterator.Status != H264PacketizeStatus.Ok)
                {
                    feed.Dropped++;
                    FramesDropped++;
                }
                break;
            }
            CanonicalPacket.WriteHeader(lease.Span, (ushort)feed.NextIndex, timestamp, marker);
            lease.SetLength(CanonicalPacket.HeaderSize + written);
            long index = feed.Add(lease);
            if (first)
            {
                frame.Timing.StampNow(Hop.Packetized);
            }
            if (first)
            {
                _sender.MarkNext(); // follow the frame's first datagram to its kernel TX stamp
            }
            foreach (ViewerSession viewer in _viewers)
            {
                if (viewer.RenditionId != feed.RenditionId || !viewer.IsPlaying || !viewer.Media.HasVideo)
                {
                    continue;
                }
                if (viewer.VideoIndexOrigin < 0)
                {
                    if (!(keyframe && first))
                    {
                        continue;
                    }
                    viewer.VideoIndexOrigin = index; // start at this keyframe
                }
                if (_sender.SendVideo(viewer, lease.Written, index))
                {
                    PacketsSent++;
                }
            }
            if (first && _sender.Pending == 0)
            {
                _sender.CancelMark(); // nobody watches this rendition right now
            }
            else if (first)
            {
                // the first packet (for every viewer) goes to the kernel at once; the rest of the frame is batched
                uint? id = _sender.Flush();
                frame.Timing.StampNow(Hop.FirstPacketSent);
                if (id is { } sendId)
                {
                    _udp.TxTracker.Track(sendId, Latency, feed.Latency, frame.Timing.CaptureUnixNs, frame.Timing[Hop.FirstPacketSent]);
                }
            }
            first = false;
            lease.Release();
        }
        _sender.Flush();
        feed.LastUsedTicks = Clock.Ticks;
        Latency.RecordFrame(frame.Timing);
        feed.Latency?.RecordFrame(frame.Timing);
    }

    private void PacketizeAudio(MediaFeed feed, in MediaFrame frame)
    {
        if (!_packets.TryRent(out BufferLease lease))
        {
            feed.Dropped++;
            return;
        }
        if (!OpusPayloader.TryWrite(frame.Payload, lease.Span[CanonicalPacket.HeaderSize..], out int written))
        {
            feed.Dropped++;
            lease.Release();
            return;
        }
        CanonicalPacket.WriteHeader(lease.Span, (ushort)feed.NextIndex, OpusPayloader.RtpTimestampFrom90kHz(frame.Pts), marker: false);
        lease.SetLength(CanonicalPacket.HeaderSize + written);
        long index = feed.Add(lease);
        foreach (ViewerSession viewer in _viewers)
        {
            if (!viewer.IsPlaying || !viewer.Media.HasAudio)
            {
                continue;
            }
            if (viewer.AudioIndexOrigin < 0)
            {
                viewer.AudioIndexOrigin = index;
            }
            if (_sender.SendAudio(viewer, lease.Written, index))
            {
                PacketsSent++;
            }
        }
        _sender.Flush();
        lease.Release();
    }

    private void ServiceViewers()
    {
        long now = Clock.Ticks;
        for (int i = _viewers.Count - 1; i >= 0; i--)
        {
            ViewerSession viewer = _viewers[i];
            if (viewer.State == ViewerState.Closed)
            {
                _viewers.RemoveAt(i);
                continue;
            }
            if (!viewer.IsPlaying)
            {
                continue;
            }
            MediaFeed? feed = viewer.Media.HasVideo ? _video[viewer.RenditionId] : null;
            if (feed is not null)
            {
                feed.LastUsedTicks = now;
                if (viewer.VideoIndexOrigin < 0 && feed.GopStartIndex >= 0 && feed.GopPackets.Count > 0)
                {
                    StartFromGop(viewer, feed);
                }
                AnswerNacks(viewer, feed);
            }
            if (viewer.KeyframeWanted)
            {
                viewer.KeyframeWanted = false;
                _stream.RequestKeyframe(viewer.RenditionId);
            }
            if (now - viewer.LastReportTicks > ReportIntervalTicks)
            {
                _sender.SendReports(viewer);
            }
        }
        Volatile.Write(ref _viewerCount, _viewers.Count);
        for (int r = 0; r < _video.Length; r++)
        {
            if (_video[r] is { } feed && now - feed.LastUsedTicks > IdleFeedTicks && !_viewers.Exists(v => v.RenditionId == r))
            {
                feed.Dispose();
                _video[r] = null;
            }
        }
    }

    /// <summary>A viewer who just got its keys starts at the cached keyframe: the whole GOP goes out at once.</summary>
    private void StartFromGop(ViewerSession viewer, MediaFeed feed)
    {
        viewer.VideoIndexOrigin = feed.GopStartIndex;
        IReadOnlyList<BufferLease> gop = feed.GopPackets;
        for (int i = 0; i < gop.Count; i++)
        {
            if (_sender.SendVideo(viewer, gop[i].Written, feed.GopStartIndex + i))
            {
                PacketsSent++;
            }
        }
    }

    private void AnswerNacks(ViewerSession viewer, MediaFeed feed)
    {
        while (viewer.Nacks.TryDequeue(out ushort viewerSeq))
        {
            if (viewer.VideoIndexOrigin < 0)
            {
                continue;
            }
            ushort canonical = ViewerSender.CanonicalVideoSequence(viewer, viewerSeq);
            if (!feed.History.TryGet(canonical, out BufferLease lease))
            {
                continue; // too old: the viewer will ask for a keyframe
            }
            long index = ViewerSender.IndexOf(canonical, feed.NextIndex - 1);
            if (index >= viewer.VideoIndexOrigin && _sender.SendVideo(viewer, lease.Written, index))
            {
                Interlocked.Increment(ref viewer.Retransmitted);
            }
            lease.Release();
        }
    }

    private void Shutdown()
    {
        foreach (MediaFeed? feed in _video)
        {
            feed?.Dispose();
        }
        _audio?.Dispose();
        _waiter.Dispose();
        _sender.Dispose();
    }

    public void Dispose()
    {
        _stopping = true;
        _waiter.Notify();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    private readonly struct Work(StreamFanout fanout) : IWaitCondition
    {
        public bool IsReady
        {
            get
            {
                if (fanout._controlPending || fanout._stopping || !fanout._joining.IsEmpty)
                {
                    return true;
                }
                foreach (MediaFeed? feed in fanout._video)
                {
                    if (feed is not null && feed.Reader.HasFrames)
                    {
                        return true;
                    }
                }
                return fanout._audio?.Reader.HasFrames ?? false;
            }
        }
    }
}
