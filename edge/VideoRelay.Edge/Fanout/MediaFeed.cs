using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.WebRtc.Rtp;

namespace VideoRelay.Edge.Fanout;

/// <summary>
/// One track as the fan-out thread consumes it: the reader it drains, the canonical packets it made (history for
/// NACK; the packets since the last keyframe, so a viewer who joins starts at once), and its packet counter.
/// </summary>
internal sealed class MediaFeed : IDisposable
{
    private readonly List<BufferLease> _gop = new(256);

    public MediaFeed(int renditionId, bool isVideo, FrameReader reader, int historyPackets)
    {
        RenditionId = renditionId;
        IsVideo = isVideo;
        Reader = reader;
        History = new PacketHistory(historyPackets);
    }

    public int RenditionId { get; }
    public bool IsVideo { get; }
    public FrameReader Reader { get; }
    public PacketHistory History { get; }

    /// <summary>Index the next canonical packet gets (its 16-bit sequence number is the low bits).</summary>
    public long NextIndex { get; private set; }

    /// <summary>Index of the first packet of the cached GOP, or −1 when no keyframe was seen yet.</summary>
    public long GopStartIndex { get; private set; } = -1;

    public IReadOnlyList<BufferLease> GopPackets => _gop;

    /// <summary>Monotonic ticks when the feed last had a viewer (for unsubscribing idle feeds).</summary>
    public long LastUsedTicks { get; set; }

    /// <summary>Per-hop latency of this rendition's frames (video feeds).</summary>
    public VideoRelay.Core.Timing.HopHistograms? Latency { get; init; }

    /// <summary>Frames that could not be packetized (pool empty, malformed), counted.</summary>
    public long Dropped { get; set; }

    /// <summary>A keyframe's first packet begins a new cached GOP.</summary>
    public void BeginKeyframe()
    {
        ClearGop();
        GopStartIndex = NextIndex;
    }

    /// <summary>Stores a new canonical packet: history and (video) GOP each take a reference; returns its index.</summary>
    public long Add(BufferLease packet)
    {
        long index = NextIndex++;
        packet.AddRef();
        History.Insert((ushort)index, packet);
        if (IsVideo && GopStartIndex >= 0)
        {
            if (_gop.Count < 4096)
            {
                packet.AddRef();
                _gop.Add(packet);
            }
            else
            {
                ClearGop(); // a GOP too long to keep: late joiners wait for the next keyframe
                GopStartIndex = -1;
            }
        }
        return index;
    }

    private void ClearGop()
    {
        foreach (BufferLease lease in _gop)
        {
            lease.Release();
        }
        _gop.Clear();
    }

    public void Dispose()
    {
        Reader.Dispose();
        ClearGop();
        History.Dispose();
    }
}
