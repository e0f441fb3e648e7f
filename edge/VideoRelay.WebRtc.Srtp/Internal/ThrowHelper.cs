using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>Throws kept out of the hot paths. Only programming errors and set-up errors throw; packets never do.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void UnsupportedProfile(SrtpProfile profile) =>
        throw new ArgumentOutOfRangeException(nameof(profile), profile, "SRTP protection profile is not supported.");

    [DoesNotReturn]
    public static void WrongLength(string name, int actual, int expected) =>
        throw new ArgumentException($"{name} must be {expected} bytes long, not {actual}.", name);

    [DoesNotReturn]
    public static void PartialOverlap() =>
        throw new ArgumentException("The destination must either be the source itself (same start) or not overlap it.", "destination");

    [DoesNotReturn]
    public static void ObjectDisposed(string name) => throw new ObjectDisposedException(name);
}
