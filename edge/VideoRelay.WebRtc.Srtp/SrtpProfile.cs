namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// DTLS-SRTP protection profiles, numbered as in the IANA "DTLS-SRTP Protection Profiles" registry
/// (RFC 5764 §4.1.2, RFC 7714 §14.2). The numeric value is the two-byte id carried in the
/// <c>use_srtp</c> extension.
/// </summary>
public enum SrtpProfile : ushort
{
    /// <summary>AES-128 counter mode, HMAC-SHA1 with an 80-bit tag (RFC 3711). Id 0x0001.</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>AES-128 counter mode, HMAC-SHA1 with a 32-bit RTP tag (SRTCP keeps 80 bits). Id 0x0002.</summary>
    Aes128CmHmacSha1_32 = 0x0002,

    /// <summary>AES-128-GCM AEAD with a 128-bit tag (RFC 7714). Id 0x0007.</summary>
    AeadAes128Gcm = 0x0007,

    /// <summary>AES-256-GCM AEAD with a 128-bit tag (RFC 7714). Id 0x0008.</summary>
    AeadAes256Gcm = 0x0008,
}
