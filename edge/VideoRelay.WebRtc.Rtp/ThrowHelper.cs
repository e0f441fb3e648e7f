using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.WebRtc.Rtp;

/// <summary>Throws kept out of hot paths so callers stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string name, long value, string rule) =>
        throw new ArgumentOutOfRangeException(name, value, rule);

    [DoesNotReturn]
    public static void Argument(string name, string message) => throw new ArgumentException(message, name);

    [DoesNotReturn]
    public static void ObjectDisposed(string name) => throw new ObjectDisposedException(name);
}
