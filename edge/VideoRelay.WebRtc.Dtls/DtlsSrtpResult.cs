using Org.BouncyCastle.Tls;

namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// A completed DTLS-SRTP handshake: the negotiated SRTP profile, the exported keying material, the
/// verified remote fingerprint, and the live <see cref="DtlsTransport"/> (for close_notify, alerts and
/// handshake retransmissions after the handshake).
/// </summary>
/// <remarks>
/// <see cref="KeyingMaterial"/> is <c>EXTRACTOR-dtls_srtp</c> (RFC 5764 §4.2) laid out as
/// client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
/// server_write_SRTP_master_salt. The client's keys protect what the client sends; so the local keys are
/// the client's when <see cref="IsClient"/>, else the server's.
/// </remarks>
public sealed class DtlsSrtpResult : IDisposable
{
    private byte[]? _scratch;

    internal DtlsSrtpResult(
        bool isClient,
        ushort srtpProfileId,
        byte[] keyingMaterial,
        byte[] remoteSha256,
        int cipherSuite,
        TimeSpan handshakeDuration,
        DtlsTransport transport,
        DtlsDatagramChannel channel)
    {
        if (!DtlsSrtpProfile.TryGetKeyLengths(srtpProfileId, out int keyLength, out int saltLength))
        {
            throw new ArgumentOutOfRangeException(nameof(srtpProfileId), srtpProfileId, "unsupported SRTP profile");
        }
        if (keyingMaterial.Length != 2 * (keyLength + saltLength))
        {
            throw new ArgumentException("keying material length does not match the profile", nameof(keyingMaterial));
        }
        IsClient = isClient;
        SrtpProfileId = srtpProfileId;
        KeyingMaterial = keyingMaterial;
        MasterKeyLength = keyLength;
        MasterSaltLength = saltLength;
        RemoteCertificateSha256 = remoteSha256;
        RemoteFingerprint = DtlsFingerprint.FormatSdp(remoteSha256);
        CipherSuite = cipherSuite;
        HandshakeDuration = handshakeDuration;
        Transport = transport;
        Channel = channel;
    }

    /// <summary>Whether we were the DTLS client.</summary>
    public bool IsClient { get; }

    /// <summary>The negotiated SRTP protection profile (see <see cref="DtlsSrtpProfile"/>).</summary>
    public ushort SrtpProfileId { get; }

    /// <summary>client_key | server_key | client_salt | server_salt.</summary>
    public byte[] KeyingMaterial { get; }

    public int MasterKeyLength { get; }

    public int MasterSaltLength { get; }

    /// <summary>Master key for what we send (SRTP protect).</summary>
    public ReadOnlyMemory<byte> LocalMasterKey => KeyingMaterial.AsMemory(IsClient ? 0 : MasterKeyLength, MasterKeyLength);

    /// <summary>Master salt for what we send (SRTP protect).</summary>
    public ReadOnlyMemory<byte> LocalMasterSalt =>
        KeyingMaterial.AsMemory((2 * MasterKeyLength) + (IsClient ? 0 : MasterSaltLength), MasterSaltLength);

    /// <summary>Master key for what the peer sends (SRTP unprotect).</summary>
    public ReadOnlyMemory<byte> RemoteMasterKey => KeyingMaterial.AsMemory(IsClient ? MasterKeyLength : 0, MasterKeyLength);

    /// <summary>Master salt for what the peer sends (SRTP unprotect).</summary>
    public ReadOnlyMemory<byte> RemoteMasterSalt =>
        KeyingMaterial.AsMemory((2 * MasterKeyLength) + (IsClient ? MasterSaltLength : 0), MasterSaltLength);

    /// <summary>SHA-256 of the peer's certificate (it matched the SDP fingerprint).</summary>
    public ReadOnlyMemory<byte> RemoteCertificateSha256 { get; }

    /// <summary>The peer's fingerprint in SDP form, <c>sha-256 AB:CD:…</c>.</summary>
    public string RemoteFingerprint { get; }

    /// <summary>The negotiated TLS cipher suite (IANA number, e.g. 0xC02B).</summary>
    public int CipherSuite { get; }

    public TimeSpan HandshakeDuration { get; }

    /// <summary>BouncyCastle's DTLS connection: <c>Close()</c> sends close_notify and closes the channel.</summary>
    public DtlsTransport Transport { get; }

    /// <summary>The datagram channel the session runs over.</summary>
    public DtlsDatagramChannel Channel { get; }

    /// <summary>Whether the session is still open (no close_notify or fatal alert yet, not closed by us).</summary>
    public bool IsOpen => !Channel.IsClosed;

    /// <summary>
    /// Processes DTLS datagrams that arrived after the handshake (the peer's retransmitted final flight,
    /// which we must answer; close_notify; alerts), then returns whether the session is still open.
    /// Returns at once when nothing is queued; otherwise it may block for up to a millisecond, so call it
    /// off the socket thread. Application data (data channels) is not supported and is discarded.
    /// Call from one thread at a time.
    /// </summary>
    public bool ProcessIncoming()
    {
        if (Channel.IsClosed)
        {
            return false;
        }
        _scratch ??= new byte[Channel.MaxDatagramSize];
        try
        {
            while (Channel.HasPending && !Channel.IsClosed)
            {
                Transport.Receive(_scratch, 0, _scratch.Length, 1);
            }
        }
        catch (IOException)
        {
            Channel.Close(); // fatal alert received or raised: BouncyCastle has failed the connection
        }
        return !Channel.IsClosed;
    }

    /// <summary>Sends close_notify (if still open) and closes the channel.</summary>
    public void Dispose()
    {
        try
        {
            Transport.Close();
        }
        catch (IOException)
        {
            // The peer is gone; nothing more to tell it.
        }
        finally
        {
            Channel.Close();
        }
    }
}
