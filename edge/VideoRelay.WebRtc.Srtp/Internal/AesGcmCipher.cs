using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// AEAD_AES_128_GCM / AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714), with a 16-byte tag.
/// </summary>
/// <remarks>
/// IV (RFC 7714 §8.1, §9.1), 96 bits, XORed with the 96-bit session salt:
/// <code>
///     0  0  0  0  0  0  0  0  0  0  1  1
///     0  1  2  3  4  5  6  7  8  9  0  1
///   +--+--+--+--+--+--+--+--+--+--+--+--+
///   |00|00|    SSRC   |     ROC   | SEQ |   SRTP
///   +--+--+--+--+--+--+--+--+--+--+--+--+
///   |00|00|    SSRC   |00|00|0+SRTCP idx|   SRTCP (E bit not in the IV)
///   +--+--+--+--+--+--+--+--+--+--+--+--+
/// </code>
/// SRTP: AAD = the RTP header including CSRCs and extension; output = header || ciphertext || tag.
/// SRTCP (§9, Figure 3): AAD = first 8 bytes || E+index; output = first 8 bytes || ciphertext || tag ||
/// E+index. With E = 0 the whole RTCP packet is AAD and only the tag is added (accepted, never sent).
/// </remarks>
internal sealed class AesGcmCipher : SrtpCipher
{
    private const int Tag = 16;
    private const int RtcpHeaderLength = 8;

    private readonly AesGcm _gcm;
    private readonly byte[] _salt;

    public AesGcmCipher(SrtpSessionKeys keys)
        : base(Tag)
    {
        if (keys.Salt.Length != 12)
        {
            ThrowHelper.WrongLength("salt", keys.Salt.Length, 12);
        }

        _gcm = new AesGcm(keys.EncryptionKey, Tag);
        _salt = (byte[])keys.Salt.Clone();
    }

    public override void ProtectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, ulong index)
    {
        int length = source.Length;
        if (!SameStart(source, destination))
        {
            source.Slice(0, headerLength).CopyTo(destination);
        }

        Span<byte> nonce = stackalloc byte[12];
        MakeNonce(nonce, ssrc, index);
        _gcm.Encrypt(
            nonce,
            source.Slice(headerLength),
            destination.Slice(headerLength, length - headerLength),
            destination.Slice(length, Tag),
            destination.Slice(0, headerLength));
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, ulong index)
    {
        int length = source.Length - Tag;
        Span<byte> nonce = stackalloc byte[12];
        MakeNonce(nonce, ssrc, index);
        if (!TryDecrypt(
            nonce,
            source.Slice(headerLength, length - headerLength),
            source.Slice(length, Tag),
            destination.Slice(headerLength, length - headerLength),
            source.Slice(0, headerLength)))
        {
            return false;
        }

        if (!SameStart(source, destination))
        {
            source.Slice(0, headerLength).CopyTo(destination);
        }

        return true;
    }

    public override int ProtectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint index)
    {
        int length = source.Length;
        uint word = 0x8000_0000u | index;
        Span<byte> aad = stackalloc byte[RtcpHeaderLength + 4];
        source.Slice(0, RtcpHeaderLength).CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad.Slice(RtcpHeaderLength), word);
        if (!SameStart(source, destination))
        {
            source.Slice(0, RtcpHeaderLength).CopyTo(destination);
        }

        Span<byte> nonce = stackalloc byte[12];
        MakeNonce(nonce, ssrc, index);
        _gcm.Encrypt(
            nonce,
            source.Slice(RtcpHeaderLength),
            destination.Slice(RtcpHeaderLength, length - RtcpHeaderLength),
            destination.Slice(length, Tag),
            aad);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(length + Tag), word);
        return length + Tag + 4;
    }

    public override bool UnprotectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint eAndIndex)
    {
        int length = source.Length - Tag - 4;
        ReadOnlySpan<byte> tag = source.Slice(length, Tag);
        Span<byte> nonce = stackalloc byte[12];
        MakeNonce(nonce, ssrc, eAndIndex & 0x7FFF_FFFFu);
        if ((eAndIndex & 0x8000_0000u) == 0)
        {
            return UnprotectUnencryptedRtcp(source.Slice(0, length), destination, nonce, tag, eAndIndex);
        }

        Span<byte> aad = stackalloc byte[RtcpHeaderLength + 4];
        source.Slice(0, RtcpHeaderLength).CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad.Slice(RtcpHeaderLength), eAndIndex);
        if (!TryDecrypt(
            nonce,
            source.Slice(RtcpHeaderLength, length - RtcpHeaderLength),
            tag,
            destination.Slice(RtcpHeaderLength, length - RtcpHeaderLength),
            aad))
        {
            return false;
        }

        if (!SameStart(source, destination))
        {
            source.Slice(0, RtcpHeaderLength).CopyTo(destination);
        }

        return true;
    }

    public override int GetSrtcpIndexOffset(int packetLength) => packetLength - 4;

    public override void Dispose()
    {
        _gcm.Dispose();
        CryptographicOperations.ZeroMemory(_salt);
    }

    /// <summary>E = 0: the whole RTCP packet and the E/index word are AAD, nothing is encrypted.</summary>
    private bool UnprotectUnencryptedRtcp(ReadOnlySpan<byte> rtcp, Span<byte> destination, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag, uint eAndIndex)
    {
        byte[] aad = ArrayPool<byte>.Shared.Rent(rtcp.Length + 4);
        try
        {
            rtcp.CopyTo(aad);
            BinaryPrimitives.WriteUInt32BigEndian(aad.AsSpan(rtcp.Length), eAndIndex);
            if (!TryDecrypt(nonce, default, tag, default, aad.AsSpan(0, rtcp.Length + 4)))
            {
                return false;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(aad);
        }

        rtcp.CopyTo(destination);
        return true;
    }

    /// <summary>
    /// AesGcm reports a bad tag only by throwing; we turn that into false here, the one place a
    /// packet can cause an exception (cost: tens of microseconds per forged packet).
    /// </summary>
    private bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        try
        {
            _gcm.Decrypt(nonce, ciphertext, tag, plaintext, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private void MakeNonce(Span<byte> nonce, uint ssrc, ulong index)
    {
        BinaryPrimitives.WriteUInt16BigEndian(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.Slice(2), ssrc);
        BinaryPrimitives.WriteUInt16BigEndian(nonce.Slice(6), (ushort)(index >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(nonce.Slice(8), (uint)index);
        for (int i = 0; i < 12; i++)
        {
            nonce[i] ^= _salt[i];
        }
    }
}
