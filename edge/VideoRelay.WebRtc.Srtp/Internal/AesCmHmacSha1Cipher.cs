using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// AES-128 counter mode + HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1), for SRTP_AES128_CM_HMAC_SHA1_80/_32.
/// </summary>
/// <remarks>
/// Counter block (128 bits), RFC 3711 §4.1.1:
/// <code>
///   IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)
///
///   byte  0         4         8              14   16
///         | salt 0-3| salt 4-7| salt 8-13     | 00 00 |
///   XOR   |         |  SSRC   | index i (48b) |       |
///                                              block counter j
/// </code>
/// For SRTP, i = ROC * 2^16 + SEQ and the tag is HMAC-SHA1(auth_key, packet || ROC) truncated.
/// For SRTCP, i is the 31-bit SRTCP index, and the tag covers packet || E-flag+index.
/// </remarks>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int RtcpHeaderLength = 8;

    private readonly AesCounterMode _ctr;
    private readonly IncrementalHash _hmac;
    private readonly ulong _saltHigh;
    private readonly ulong _saltLow;

    public AesCmHmacSha1Cipher(SrtpSessionKeys keys, int tagLength)
        : base(tagLength)
    {
        if (keys.Salt.Length != 14)
        {
            ThrowHelper.WrongLength("salt", keys.Salt.Length, 14);
        }

        _ctr = new AesCounterMode(keys.EncryptionKey);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.AuthenticationKey);
        _saltHigh = BinaryPrimitives.ReadUInt64BigEndian(keys.Salt);
        _saltLow = (ulong)BinaryPrimitives.ReadUInt32BigEndian(keys.Salt.AsSpan(8)) << 32
            | (ulong)BinaryPrimitives.ReadUInt16BigEndian(keys.Salt.AsSpan(12)) << 16;
    }

    public override void ProtectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, ulong index)
    {
        int length = source.Length;
        if (!SameStart(source, destination))
        {
            source.Slice(0, headerLength).CopyTo(destination);
        }

        _ctr.Transform(_saltHigh ^ ssrc, _saltLow ^ (index << 16), source.Slice(headerLength), destination.Slice(headerLength, length - headerLength));
        Span<byte> mac = stackalloc byte[20];
        ComputeRtpTag(destination.Slice(0, length), (uint)(index >> 16), mac);
        mac.Slice(0, TagLength).CopyTo(destination.Slice(length));
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, ulong index)
    {
        int length = source.Length - TagLength;
        Span<byte> mac = stackalloc byte[20];
        ComputeRtpTag(source.Slice(0, length), (uint)(index >> 16), mac);
        if (!CryptographicOperations.FixedTimeEquals(mac.Slice(0, TagLength), source.Slice(length, TagLength)))
        {
            return false;
        }

        if (!SameStart(source, destination))
        {
            source.Slice(0, headerLength).CopyTo(destination);
        }

        _ctr.Transform(_saltHigh ^ ssrc, _saltLow ^ (index << 16), source.Slice(headerLength, length - headerLength), destination.Slice(headerLength));
        return true;
    }

    public override int ProtectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint index)
    {
        int length = source.Length;
        if (!SameStart(source, destination))
        {
            source.Slice(0, RtcpHeaderLength).CopyTo(destination);
        }

        _ctr.Transform(_saltHigh ^ ssrc, _saltLow ^ ((ulong)index << 16), source.Slice(RtcpHeaderLength), destination.Slice(RtcpHeaderLength, length - RtcpHeaderLength));
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(length), 0x8000_0000u | index);
        Span<byte> mac = stackalloc byte[20];
        _hmac.AppendData(destination.Slice(0, length + 4));
        _hmac.TryGetHashAndReset(mac, out _);
        mac.Slice(0, TagLength).CopyTo(destination.Slice(length + 4));
        return length + 4 + TagLength;
    }

    public override bool UnprotectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint eAndIndex)
    {
        int authenticated = source.Length - TagLength;
        int length = authenticated - 4;
        Span<byte> mac = stackalloc byte[20];
        _hmac.AppendData(source.Slice(0, authenticated));
        _hmac.TryGetHashAndReset(mac, out _);
        if (!CryptographicOperations.FixedTimeEquals(mac.Slice(0, TagLength), source.Slice(authenticated, TagLength)))
        {
            return false;
        }

        bool same = SameStart(source, destination);
        if ((eAndIndex & 0x8000_0000u) == 0)
        {
            if (!same)
            {
                source.Slice(0, length).CopyTo(destination);
            }

            return true;
        }

        if (!same)
        {
            source.Slice(0, RtcpHeaderLength).CopyTo(destination);
        }

        ulong index = eAndIndex & 0x7FFF_FFFFu;
        _ctr.Transform(_saltHigh ^ ssrc, _saltLow ^ (index << 16), source.Slice(RtcpHeaderLength, length - RtcpHeaderLength), destination.Slice(RtcpHeaderLength));
        return true;
    }

    public override int GetSrtcpIndexOffset(int packetLength) => packetLength - TagLength - 4;

    public override void Dispose()
    {
        _ctr.Dispose();
        _hmac.Dispose();
    }

    private void ComputeRtpTag(ReadOnlySpan<byte> authenticatedPortion, uint roc, Span<byte> mac)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        _hmac.AppendData(authenticatedPortion);
        _hmac.AppendData(rocBytes);
        _hmac.TryGetHashAndReset(mac, out _);
    }
}
