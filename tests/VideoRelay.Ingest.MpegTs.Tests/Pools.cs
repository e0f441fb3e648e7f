using VideoRelay.Core.Buffers;

namespace VideoRelay.Ingest.MpegTs.Tests;

internal static class Pools
{
    /// <summary>A diagnostic pool: disposing it with a block still rented throws (a leak).</summary>
    public static TieredBufferPool Diagnostic() =>
        new("test", diagnostic: true, (2 * 1024, 256), (64 * 1024, 64), (1024 * 1024, 8), (4 * 1024 * 1024, 2));
}
