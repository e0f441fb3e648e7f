namespace VideoRelay.WebRtc.Dtls;

/// <summary>Tuning for one DTLS-SRTP handshake; the defaults suit browsers.</summary>
public sealed class DtlsSrtpOptions
{
    /// <summary>Shared default instance.</summary>
    public static DtlsSrtpOptions Default { get; } = new();

    /// <summary>Whole-handshake limit; a peer that stops answering fails with <see cref="DtlsHandshakeFailure.TimedOut"/>.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// SRTP protection profiles in order of preference. The server picks the first of these the client
    /// offers; the client offers exactly these. Default: AEAD_AES_128_GCM, then AES128_CM_HMAC_SHA1_80.
    /// </summary>
    public IReadOnlyList<ushort> SrtpProfiles { get; init; } = DtlsSrtpProfile.DefaultPreference;

    /// <summary>First retransmission timer of a handshake flight (RFC 6347 §4.2.4.1: 1 s), doubling after each loss.</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock for the handshake timeout (inject a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (HandshakeTimeout <= TimeSpan.Zero || HandshakeTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(HandshakeTimeout), HandshakeTimeout, "must be positive");
        }
        if (InitialRetransmitTimeout < TimeSpan.FromMilliseconds(10) || InitialRetransmitTimeout > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialRetransmitTimeout), InitialRetransmitTimeout, "must be between 10 ms and 60 s");
        }
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (SrtpProfiles is null || SrtpProfiles.Count == 0)
        {
            throw new ArgumentException("at least one SRTP protection profile is required", nameof(SrtpProfiles));
        }
        foreach (ushort profile in SrtpProfiles)
        {
            if (!DtlsSrtpProfile.TryGetKeyLengths(profile, out _, out _))
            {
                throw new ArgumentException($"SRTP protection profile 0x{profile:X4} is not supported", nameof(SrtpProfiles));
            }
        }
    }
}
