namespace VideoRelay.Core.Net;

/// <summary>
/// struct scm_timestamping (linux/errqueue.h): the data of an SCM_TIMESTAMPING control message.
/// </summary>
/// <remarks>
/// <code>
/// +----------------------+----------------------+----------------------+
/// | ts[0]  software      | ts[1]  legacy, zero  | ts[2]  raw hardware  |
/// | 16 B timespec        | 16 B timespec        | 16 B timespec        |
/// +----------------------+----------------------+----------------------+
/// </code>
/// A stamp that was not taken is all zero. For a hardware TX stamp ts[0] is zero and ts[2] is set.
/// </remarks>
internal static class ScmTimestamping
{
    public const int Size = 3 * KernelTimespec.Size;

    public static bool TryRead(ReadOnlySpan<byte> data, out long softwareNs, out long hardwareNs)
    {
        hardwareNs = 0;
        if (data.Length < Size || !KernelTimespec.TryRead(data, out softwareNs))
        {
            softwareNs = 0;
            return false;
        }
        if (!KernelTimespec.TryRead(data[(2 * KernelTimespec.Size)..], out hardwareNs))
        {
            softwareNs = 0;
            return false;
        }
        return true;
    }
}
