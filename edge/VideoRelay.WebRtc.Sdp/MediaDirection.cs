namespace VideoRelay.WebRtc.Sdp;

/// <summary>Direction attribute of a media section (RFC 8866 §6.7); sendrecv when absent.</summary>
public enum MediaDirection : byte
{
    /// <summary>a=sendrecv (the default).</summary>
    SendRecv,

    /// <summary>a=sendonly.</summary>
    SendOnly,

    /// <summary>a=recvonly.</summary>
    RecvOnly,

    /// <summary>a=inactive.</summary>
    Inactive,
}
