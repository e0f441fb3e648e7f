using System.Collections.Concurrent;
using VideoRelay.Core.Streams;

namespace VideoRelay.Edge.Tests;

internal sealed class TestCatalog : IStreamCatalog
{
    private readonly ConcurrentDictionary<string, TestStream> _streams = new(StringComparer.Ordinal);

    public void Add(TestStream stream) => _streams[stream.Name] = stream;

    public ValueTask<IStreamHandle?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IStreamHandle?>(_streams.TryGetValue(name, out TestStream? s) ? s : null);

    public IReadOnlyList<StreamInfo> List() => [];
}
