namespace VideoRelay.Core.Streams;

/// <summary>
/// Where an edge finds streams to serve: the in-process stream registry in the all-in-one node, or the relay
/// client (pulling from an origin) in an edge-only node.
/// </summary>
public interface IStreamCatalog
{
    /// <summary>Finds a stream by name (live or lingering, or — for a relay client — one it can pull).</summary>
    ValueTask<IStreamHandle?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A snapshot of the streams known here, for listings.</summary>
    IReadOnlyList<StreamInfo> List();
}
