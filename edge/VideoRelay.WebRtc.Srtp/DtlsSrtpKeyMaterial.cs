using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// Splits the DTLS exporter output into the two SRTP master keys (RFC 5764 §4.2).
/// </summary>
/// <remarks>
/// The exporter is called with label <see cref="ExporterLabel"/>, no context, and
/// <see cref="SrtpProfileParameters.ExportedKeyingMaterialLength"/> bytes of output, laid out as
/// <code>
///   client_write_SRTP_master_key[key_len]
///   server_write_SRTP_master_key[key_len]
///   client_write_SRTP_master_salt[salt_len]
///   server_write_SRTP_master_salt[salt_len]
/// </code>
/// The DTLS client sends with the client_write pair; the server with the server_write pair.
/// </remarks>
public static class DtlsSrtpKeyMaterial
{
    /// <summary>The TLS exporter label for DTLS-SRTP.</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>Bytes of exporter output <paramref name="profile"/> needs, or 0 when it is not supported.</summary>
    public static int GetLength(SrtpProfile profile) =>
        SrtpProfileParameters.TryGet(profile, out SrtpProfileParameters p) ? p.ExportedKeyingMaterialLength : 0;

    /// <summary>
    /// Splits exported keying material into our send key (<paramref name="local"/>) and the peer's
    /// send key, which we receive with (<paramref name="remote"/>).
    /// </summary>
    /// <returns>False when the profile is unsupported or the material is not exactly the length it needs.</returns>
    public static bool TrySplit(
        ReadOnlySpan<byte> material,
        SrtpProfile profile,
        DtlsSrtpRole role,
        [NotNullWhen(true)] out SrtpMasterKey? local,
        [NotNullWhen(true)] out SrtpMasterKey? remote)
    {
        local = null;
        remote = null;
        if (!SrtpProfileParameters.TryGet(profile, out SrtpProfileParameters p) || material.Length != p.ExportedKeyingMaterialLength)
        {
            return false;
        }

        int k = p.KeyLength;
        int s = p.SaltLength;
        var client = new SrtpMasterKey(profile, material.Slice(0, k), material.Slice(2 * k, s));
        var server = new SrtpMasterKey(profile, material.Slice(k, k), material.Slice(2 * k + s, s));
        (local, remote) = role == DtlsSrtpRole.Client ? (client, server) : (server, client);
        return true;
    }
}
