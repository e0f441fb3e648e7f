namespace VideoRelay.Core.Net;

/// <summary>
/// What a socket will stamp, per direction, after <see cref="SocketTimestamping.Enable"/>; read back from the
/// kernel with getsockopt. <see cref="Note"/> says why hardware was not used or which fallback applied.
/// </summary>
/// <param name="KernelFlags">The SOF_TIMESTAMPING_* flags the socket holds (0 with the SO_TIMESTAMPNS fallback).</param>
public readonly record struct TimestampingStatus(TimestampSource Rx, TimestampSource Tx, int KernelFlags, string? Note)
{
    /// <summary>True when hardware was asked for but at least one direction got less.</summary>
    public bool HardwareFellBack { get; init; }
}
