using System.Text;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// What the ICE-lite agent knows about one local ufrag: the password (and its UTF-8 key, computed once),
/// the caller's session object, and optionally the remote ufrag the offer announced.
/// </summary>
public sealed class IceLocalCredential<TSession>
    where TSession : class
{
    private readonly byte[] _remoteUfragBytes;

    /// <summary>Creates an entry. <paramref name="remoteUfrag"/>, when given, must match the USERNAME's second half.</summary>
    public IceLocalCredential(string localUfrag, string localPassword, TSession session, string? remoteUfrag = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUfrag);
        ArgumentException.ThrowIfNullOrEmpty(localPassword);
        ArgumentNullException.ThrowIfNull(session);
        LocalUfrag = localUfrag;
        LocalPassword = localPassword;
        PasswordKey = Encoding.UTF8.GetBytes(localPassword);
        Session = session;
        RemoteUfrag = remoteUfrag;
        _remoteUfragBytes = remoteUfrag is null ? [] : Encoding.UTF8.GetBytes(remoteUfrag);
    }

    /// <summary>Our ufrag (the first half of the USERNAME the browser sends).</summary>
    public string LocalUfrag { get; }

    /// <summary>Our ICE password.</summary>
    public string LocalPassword { get; }

    /// <summary>The short-term credential key: the password's UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> PasswordKey { get; }

    /// <summary>The caller's session object.</summary>
    public TSession Session { get; }

    /// <summary>The remote ufrag from the offer, or null to accept any.</summary>
    public string? RemoteUfrag { get; }

    internal bool RemoteUfragMatches(ReadOnlySpan<byte> remote) =>
        RemoteUfrag is null || remote.SequenceEqual(_remoteUfragBytes);
}
