using System.Collections.Concurrent;
using VideoRelay.Core.Timing;

namespace VideoRelay.Node;

/// <summary>Glass-to-glass samples reported by players (the beacon), per stream and rendition.</summary>
internal sealed class ViewerLatency
{
    private readonly ConcurrentDictionary<(string Stream, string Rendition), LatencyHistogram> _glassToGlass = new();

    public long Beacons;
    public long SamplesRejected;

    public LatencyHistogram For(string stream, string rendition) =>
        _glassToGlass.GetOrAdd((stream, rendition), k => new LatencyHistogram($"{k.Stream}/{k.Rendition}/glass-to-glass"));

    public IEnumerable<KeyValuePair<(string Stream, string Rendition), LatencyHistogram>> All => _glassToGlass;
}
