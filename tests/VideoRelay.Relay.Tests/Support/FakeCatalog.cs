using System.Collections.Concurrent;
using VideoRelay.Core.Streams;

namespace VideoRelay.Relay.Tests.Support;

/// <summary>An origin's catalog of <see cref="FakeStream"/>s.</summary>
internal sealed class FakeCatalog : IStreamCatalog, IDisposable
{
    private readonly ConcurrentDictionary<string, FakeStream> _streams = new();

    public FakeStream Add(FakeStream stream)
    {
        _streams[stream.Name] = stream;
        return stream;
    }

    public ValueTask<IStreamHandle?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IStreamHandle?>(_streams.TryGetValue(name, out FakeStream? s) ? s : null);

    public IReadOnlyList<StreamInfo> List() => [];

    public void Dispose()
    {
        foreach (FakeStream s in _streams.Values)
        {
            s.Dispose();
        }
    }
}
