namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// Transform parameters of one <see cref="SrtpProfile"/>: key, salt and tag sizes. Use
/// <see cref="RtpOverhead"/> / <see cref="RtcpOverhead"/> to size send buffers and the RTP MTU.
/// </summary>
public readonly record struct SrtpProfileParameters
{
    /// <summary>The profile these parameters describe.</summary>
    public SrtpProfile Profile { get; init; }

    /// <summary>Master (and session) encryption key length in bytes: 16 or 32.</summary>
    public int KeyLength { get; init; }

    /// <summary>Master (and session) salt length in bytes: 14 for AES-CM, 12 for AES-GCM.</summary>
    public int SaltLength { get; init; }

    /// <summary>Session authentication key length in bytes: 20 for HMAC-SHA1, 0 for AEAD.</summary>
    public int AuthKeyLength { get; init; }

    /// <summary>Authentication tag appended to each SRTP packet, in bytes.</summary>
    public int RtpTagLength { get; init; }

    /// <summary>Authentication tag of each SRTCP packet, in bytes (80 bits for both HMAC-SHA1 profiles).</summary>
    public int RtcpTagLength { get; init; }

    /// <summary>True for the AES-GCM profiles of RFC 7714.</summary>
    public bool IsAead { get; init; }

    /// <summary>Bytes an SRTP packet is longer than its RTP packet.</summary>
    public int RtpOverhead => RtpTagLength;

    /// <summary>Bytes an SRTCP packet is longer than its RTCP packet (tag + the 4-byte E/index word).</summary>
    public int RtcpOverhead => RtcpTagLength + 4;

    /// <summary>Bytes of DTLS exporter output this profile needs: 2 × (key + salt) (RFC 5764 §4.2).</summary>
    public int ExportedKeyingMaterialLength => 2 * (KeyLength + SaltLength);

    /// <summary>Largest SRTP/SRTCP overhead of any supported profile (for sizing buffers before negotiation).</summary>
    public const int MaxOverhead = 20;

    /// <summary>Gets the parameters of a supported profile.</summary>
    /// <returns>False when the profile id is not one this library implements.</returns>
    public static bool TryGet(SrtpProfile profile, out SrtpProfileParameters parameters)
    {
        parameters = profile switch
        {
            SrtpProfile.Aes128CmHmacSha1_80 => new SrtpProfileParameters
            {
                Profile = profile, KeyLength = 16, SaltLength = 14, AuthKeyLength = 20, RtpTagLength = 10, RtcpTagLength = 10,
            },
            SrtpProfile.Aes128CmHmacSha1_32 => new SrtpProfileParameters
            {
                Profile = profile, KeyLength = 16, SaltLength = 14, AuthKeyLength = 20, RtpTagLength = 4, RtcpTagLength = 10,
            },
            SrtpProfile.AeadAes128Gcm => new SrtpProfileParameters
            {
                Profile = profile, KeyLength = 16, SaltLength = 12, RtpTagLength = 16, RtcpTagLength = 16, IsAead = true,
            },
            SrtpProfile.AeadAes256Gcm => new SrtpProfileParameters
            {
                Profile = profile, KeyLength = 32, SaltLength = 12, RtpTagLength = 16, RtcpTagLength = 16, IsAead = true,
            },
            _ => default,
        };
        return parameters.KeyLength != 0;
    }

    /// <summary>Gets the parameters of a supported profile.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The profile is not supported.</exception>
    public static SrtpProfileParameters Get(SrtpProfile profile)
    {
        if (!TryGet(profile, out SrtpProfileParameters parameters))
        {
            Internal.ThrowHelper.UnsupportedProfile(profile);
        }

        return parameters;
    }
}
