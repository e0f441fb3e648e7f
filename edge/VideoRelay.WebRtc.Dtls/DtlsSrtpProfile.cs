namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// SRTP protection profiles negotiated by the DTLS use_srtp extension (RFC 5764 §4.1.2, RFC 7714 §14.2)
/// and the master key/salt sizes each one exports.
/// </summary>
public static class DtlsSrtpProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: 128-bit key, 112-bit salt.</summary>
    public const ushort Aes128CmHmacSha1_80 = 0x0001;

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32: 128-bit key, 112-bit salt.</summary>
    public const ushort Aes128CmHmacSha1_32 = 0x0002;

    /// <summary>SRTP_AEAD_AES_128_GCM: 128-bit key, 96-bit salt.</summary>
    public const ushort AeadAes128Gcm = 0x0007;

    /// <summary>SRTP_AEAD_AES_256_GCM: 256-bit key, 96-bit salt.</summary>
    public const ushort AeadAes256Gcm = 0x0008;

    /// <summary>Our preference: AES-128-GCM (one AEAD pass, AES-NI), then AES-128-CM with an 80-bit HMAC tag.</summary>
    public static IReadOnlyList<ushort> DefaultPreference { get; } = [AeadAes128Gcm, Aes128CmHmacSha1_80];

    /// <summary>Master key and master salt lengths for a profile; false for a profile we do not implement.</summary>
    public static bool TryGetKeyLengths(ushort profile, out int masterKeyLength, out int masterSaltLength)
    {
        (masterKeyLength, masterSaltLength) = profile switch
        {
            Aes128CmHmacSha1_80 or Aes128CmHmacSha1_32 => (16, 14),
            AeadAes128Gcm => (16, 12),
            AeadAes256Gcm => (32, 12),
            _ => (0, 0),
        };
        return masterKeyLength != 0;
    }

    /// <summary>The IANA name of a profile, for logs.</summary>
    public static string GetName(ushort profile) => profile switch
    {
        Aes128CmHmacSha1_80 => "SRTP_AES128_CM_HMAC_SHA1_80",
        Aes128CmHmacSha1_32 => "SRTP_AES128_CM_HMAC_SHA1_32",
        AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        AeadAes256Gcm => "SRTP_AEAD_AES_256_GCM",
        _ => $"0x{profile:X4}",
    };
}
