namespace VideoRelay.Core.Diagnostics;

/// <summary>Outcome of a tuning call: success, or the errno and a sentence saying what to do about it.</summary>
public readonly record struct HostActionResult(bool Succeeded, int Errno, string Message)
{
    public static HostActionResult Ok(string message) => new(true, 0, message);

    public static HostActionResult Failed(int errno, string message) => new(false, errno, message);
}
