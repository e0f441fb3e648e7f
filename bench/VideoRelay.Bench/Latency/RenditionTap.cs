using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// A reader of its own on every rendition of the stream (the way an edge subscribes), so each rendition's
/// timing records are seen apart: the node's edge histograms are per stream and mix renditions. It records
/// the hops stamped before the edge (ingest, transcode start → end) per rendition and adds nothing to the
/// measured path (it only reads stamps already taken). One thread; frames are released at once.
/// </summary>
internal sealed class RenditionTap : IDisposable
{
    private readonly IStreamHandle _stream;
    private readonly Dictionary<int, (FrameReader Reader, HopHistograms Hops)> _renditions = [];
    private readonly Lock _lock = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    public RenditionTap(IStreamHandle stream)
    {
        _stream = stream;
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-rendition-tap" };
        _thread.Start();
    }

    /// <summary>Rendition name → its hops (capture here is the ingest's receive time, see <see cref="Hop.Capture"/>).</summary>
    public IReadOnlyList<(string Rendition, HopHistograms Hops)> Renditions
    {
        get
        {
            lock (_lock)
            {
                return _renditions.OrderBy(r => r.Key).Select(r => (r.Value.Hops.Name, r.Value.Hops)).ToList();
            }
        }
    }

    public void Reset()
    {
        foreach ((_, HopHistograms hops) in Renditions)
        {
            NodeProbe.Reset(hops);
        }
    }

    private void Run()
    {
        long lastScan = 0;
        while (!_stopping)
        {
            if (Clock.ElapsedNs(lastScan) > 200_000_000)
            {
                Attach();
                lastScan = Clock.Ticks;
            }
            bool any = false;
            lock (_lock)
            {
                foreach ((FrameReader reader, HopHistograms hops) in _renditions.Values)
                {
                    while (reader.TryRead(out MediaFrame frame))
                    {
                        any = true;
                        if (frame.IsVideo)
                        {
                            hops.RecordFrame(frame.Timing);
                        }
                        frame.Release();
                    }
                }
            }
            if (!any)
            {
                Thread.Sleep(5);
            }
        }
        lock (_lock)
        {
            foreach ((FrameReader reader, _) in _renditions.Values)
            {
                reader.Dispose();
            }
        }
    }

    private void Attach()
    {
        foreach (RenditionInfo r in _stream.Renditions)
        {
            lock (_lock)
            {
                if (_renditions.ContainsKey(r.Id))
                {
                    continue;
                }
                var reader = new FrameReader($"bench-tap/{r.Name}", 256, 16);
                try
                {
                    _stream.Subscribe(r.Id, reader, withAudio: false);
                }
                catch (ArgumentOutOfRangeException)
                {
                    reader.Dispose(); // the rendition went away between the list and the subscription
                    continue;
                }
                _renditions.Add(r.Id, (reader, new HopHistograms(r.Name)));
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
