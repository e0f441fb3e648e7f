using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// Both directions of one DTLS-SRTP association: <see cref="Outbound"/> protects what we send
/// (our master key), <see cref="Inbound"/> unprotects what the peer sends (its master key). The
/// two contexts share nothing, so a send loop and a receive loop can each own one.
/// </summary>
public sealed class SrtpSession : IDisposable
{
    /// <summary>Makes a session from our (<paramref name="local"/>) and the peer's (<paramref name="remote"/>) master keys.</summary>
    public SrtpSession(SrtpMasterKey local, SrtpMasterKey remote, int maxStreams = SrtpContext.DefaultMaxStreams)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        Outbound = new SrtpContext(local, maxStreams);
        Inbound = new SrtpContext(remote, maxStreams);
    }

    /// <summary>Context for <c>ProtectRtp</c> / <c>ProtectRtcp</c> of our own streams.</summary>
    public SrtpContext Outbound { get; }

    /// <summary>Context for <c>UnprotectRtp</c> / <c>UnprotectRtcp</c> of the peer's packets.</summary>
    public SrtpContext Inbound { get; }

    /// <summary>The negotiated profile.</summary>
    public SrtpProfile Profile => Outbound.Profile;

    /// <summary>
    /// Makes a session from DTLS exporter output (label <see cref="DtlsSrtpKeyMaterial.ExporterLabel"/>,
    /// <see cref="DtlsSrtpKeyMaterial.GetLength"/> bytes) given our DTLS role.
    /// </summary>
    /// <returns>False when the profile is unsupported or the material has the wrong length.</returns>
    public static bool TryCreate(
        ReadOnlySpan<byte> exportedKeyingMaterial,
        SrtpProfile profile,
        DtlsSrtpRole role,
        [NotNullWhen(true)] out SrtpSession? session,
        int maxStreams = SrtpContext.DefaultMaxStreams)
    {
        session = null;
        if (!DtlsSrtpKeyMaterial.TrySplit(exportedKeyingMaterial, profile, role, out SrtpMasterKey? local, out SrtpMasterKey? remote))
        {
            return false;
        }

        session = new SrtpSession(local, remote, maxStreams);
        local.Clear();
        remote.Clear();
        return true;
    }

    /// <summary>Disposes both contexts.</summary>
    public void Dispose()
    {
        Outbound.Dispose();
        Inbound.Dispose();
    }
}
