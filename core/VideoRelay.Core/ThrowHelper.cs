using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.Core;

/// <summary>Throws kept out of hot paths so callers stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string name, long value, long limit) =>
        throw new ArgumentOutOfRangeException(name, value, $"must be between 0 and {limit}");

    [DoesNotReturn]
    public static void DoubleRelease(int index) =>
        throw new InvalidOperationException($"Buffer lease #{index} was released more times than it was referenced (double release).");

    [DoesNotReturn]
    public static void UseAfterRelease(int index) =>
        throw new InvalidOperationException($"Buffer lease #{index} was referenced after its last release (use after release).");

    [DoesNotReturn]
    public static void ObjectDisposed(string name) => throw new ObjectDisposedException(name);
}
