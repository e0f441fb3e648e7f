using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using VideoRelay.WebRtc.Srtp.Internal;

namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// SRTP/SRTCP crypto context for one master key, i.e. one direction of a DTLS-SRTP session, and
/// any number of SSRCs in it (up to a bound). Protect with the context of our own key; unprotect
/// with the context of the peer's key (<see cref="SrtpSession"/> makes both).
/// </summary>
/// <remarks>
/// <para>Packet layout (RFC 3711 §3.1); the encrypted portion starts after the CSRCs and the header
/// extension, and the padding stays inside it untouched:</para>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+&lt;+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         | |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
/// |                           timestamp                           | |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
/// |           synchronization source (SSRC) identifier            | |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+ |
/// |            contributing source (CSRC) identifiers             | |
/// |                               ....                            | |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
/// |                   RTP extension (OPTIONAL)                    | |
/// +&gt;+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
/// | |                          payload  ...                       | |
/// | |                               +-------------------------------+ |
/// | |                               | RTP padding   | RTP pad count | |
/// +&gt;+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+&lt;+
/// | ~                     authentication tag                      ~ |
/// | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// +- Encrypted Portion                       Authenticated Portion ---+
/// </code>
/// <para>Index tracking: the sender keeps the highest index it protected per SSRC and estimates
/// each packet's ROC from it with the Appendix A rule, so a retransmission of an older sequence
/// number (NACK answered without RTX) gets its original index and so its original keystream. The
/// receiver does the same against its replay window (128 packets), and changes stream state only
/// after the packet authenticated, so forged packets can neither move the ROC nor create SSRC state.
/// A retransmission must carry the same bytes as the original: the same index with different
/// plaintext would reuse keystream.</para>
/// <para>Source and destination may be the same memory (same start: in place) or disjoint; a
/// partial overlap is a programming error (<see cref="ArgumentException"/>). On any status but
/// <see cref="SrtpStatus.Ok"/> the destination's contents are unspecified.</para>
/// <para>Not thread-safe: one thread owns a context (the edge's send loop owns the outbound one,
/// its receive loop the inbound one). No allocation per packet, except the first packet of a new
/// SSRC and (GCM only) an auth failure, which .NET reports by exception.</para>
/// </remarks>
[DebuggerDisplay("{Profile}, {StreamCount} streams")]
public sealed class SrtpContext : IDisposable
{
    /// <summary>Default bound on distinct SSRCs per context.</summary>
    public const int DefaultMaxStreams = 64;

    private readonly SrtpCipher _rtp;
    private readonly SrtpCipher _rtcp;
    private readonly SrtpStreamTable _streams;
    private readonly int _rtpTag;
    private readonly int _rtcpOverhead;
    private bool _disposed;

    /// <summary>Derives the session keys (RFC 3711 §4.3, KDR = 0) from <paramref name="masterKey"/>.</summary>
    /// <param name="masterKey">Master key and salt; not retained.</param>
    /// <param name="maxStreams">Most SSRCs this context keeps state for.</param>
    public SrtpContext(SrtpMasterKey masterKey, int maxStreams = DefaultMaxStreams)
        : this(SrtpProfileParameters.Get((masterKey ?? throw new ArgumentNullException(nameof(masterKey))).Profile), masterKey.Key, masterKey.Salt, maxStreams)
    {
    }

    private SrtpContext(SrtpProfileParameters parameters, ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt, int maxStreams)
        : this(
            parameters,
            SrtpSessionKeys.Derive(parameters, key, salt, rtcp: false),
            SrtpSessionKeys.Derive(parameters, key, salt, rtcp: true),
            maxStreams)
    {
    }

    /// <summary>Builds a context straight from session keys (test vectors give session keys).</summary>
    internal SrtpContext(SrtpProfileParameters parameters, SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys, int maxStreams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        Parameters = parameters;
        _rtp = CreateCipher(parameters, rtpKeys, parameters.RtpTagLength);
        _rtcp = CreateCipher(parameters, rtcpKeys, parameters.RtcpTagLength);
        _streams = new SrtpStreamTable(maxStreams);
        _rtpTag = parameters.RtpTagLength;
        _rtcpOverhead = parameters.RtcpOverhead;
        rtpKeys.Clear();
        rtcpKeys.Clear();
    }

    /// <summary>The protection profile.</summary>
    public SrtpProfile Profile => Parameters.Profile;

    /// <summary>Sizes of keys and tags; <see cref="SrtpProfileParameters.RtpOverhead"/> for MTU budgets.</summary>
    public SrtpProfileParameters Parameters { get; }

    /// <summary>SSRCs this context holds state for.</summary>
    public int StreamCount => _streams.Count;

    /// <summary>Protects an RTP packet into <paramref name="destination"/> (needs <c>rtp.Length + RtpOverhead</c> bytes).</summary>
    public SrtpStatus ProtectRtp(ReadOnlySpan<byte> rtp, Span<byte> destination, out int written)
    {
        written = 0;
        if (!RtpHeaderReader.TryRead(rtp, out int headerLength, out ushort sequenceNumber, out uint ssrc))
        {
            return SrtpStatus.Malformed;
        }

        int length = rtp.Length + _rtpTag;
        if (destination.Length < length)
        {
            return SrtpStatus.DestinationTooSmall;
        }

        CheckOverlap(rtp, destination);
        if (!_streams.TryGetOrAdd(ssrc, out SrtpStream? stream))
        {
            return SrtpStatus.TooManyStreams;
        }

        ulong index;
        if (!stream.RtpSendStarted)
        {
            index = sequenceNumber;
            stream.RtpSendStarted = true;
            stream.RtpSendHighest = index;
        }
        else
        {
            long estimate = RolloverCounter.Estimate(stream.RtpSendHighest, sequenceNumber);
            if (estimate < 0)
            {
                return SrtpStatus.Replay;
            }

            if (estimate >= RolloverCounter.IndexLimit)
            {
                return SrtpStatus.IndexExhausted;
            }

            index = (ulong)estimate;
            if (index > stream.RtpSendHighest)
            {
                stream.RtpSendHighest = index;
            }
        }

        _rtp.ProtectRtp(rtp, destination, headerLength, ssrc, index);
        written = length;
        return SrtpStatus.Ok;
    }

    /// <summary>Protects the RTP packet in <c>buffer[..length]</c> in place; the buffer needs room for the tag.</summary>
    public SrtpStatus ProtectRtpInPlace(Span<byte> buffer, int length, out int written)
    {
        if ((uint)length > (uint)buffer.Length)
        {
            written = 0;
            return SrtpStatus.Malformed;
        }

        return ProtectRtp(buffer.Slice(0, length), buffer, out written);
    }

    /// <summary>Checks and decrypts an SRTP packet into <paramref name="destination"/> (needs <c>srtp.Length - RtpOverhead</c> bytes).</summary>
    public SrtpStatus UnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> destination, out int written)
    {
        written = 0;
        if (!RtpHeaderReader.TryRead(srtp, out int headerLength, out ushort sequenceNumber, out uint ssrc)
            || srtp.Length - _rtpTag < headerLength)
        {
            return SrtpStatus.Malformed;
        }

        int length = srtp.Length - _rtpTag;
        if (destination.Length < length)
        {
            return SrtpStatus.DestinationTooSmall;
        }

        CheckOverlap(srtp, destination);
        SrtpStream? stream = _streams.Find(ssrc);
        ulong index;
        if (stream is null || !stream.RtpReceive.IsStarted)
        {
            if (stream is null && _streams.IsFull)
            {
                return SrtpStatus.TooManyStreams;
            }

            index = sequenceNumber;
        }
        else
        {
            long estimate = RolloverCounter.Estimate(stream.RtpReceive.Highest, sequenceNumber);
            if (estimate < 0)
            {
                return SrtpStatus.Replay;
            }

            if (estimate >= RolloverCounter.IndexLimit)
            {
                return SrtpStatus.IndexExhausted;
            }

            index = (ulong)estimate;
            if (stream.RtpReceive.IsReplay(index))
            {
                return SrtpStatus.Replay;
            }
        }

        if (!_rtp.UnprotectRtp(srtp, destination, headerLength, ssrc, index))
        {
            return SrtpStatus.AuthFailed;
        }

        if (stream is null)
        {
            _streams.TryGetOrAdd(ssrc, out stream);
            Debug.Assert(stream is not null, "capacity was checked before decrypting");
        }

        stream.RtpReceive.Accept(index);
        written = length;
        return SrtpStatus.Ok;
    }

    /// <summary>Checks and decrypts the SRTP packet that is exactly <paramref name="packet"/>, in place.</summary>
    public SrtpStatus UnprotectRtpInPlace(Span<byte> packet, out int written) => UnprotectRtp(packet, packet, out written);

    /// <summary>
    /// Protects a (compound) RTCP packet into <paramref name="destination"/> (needs
    /// <c>rtcp.Length + RtcpOverhead</c> bytes), always encrypted (E = 1), with the next SRTCP index of its sender SSRC.
    /// </summary>
    public SrtpStatus ProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> destination, out int written)
    {
        written = 0;
        if (!RtcpHeaderReader.TryRead(rtcp, out uint ssrc))
        {
            return SrtpStatus.Malformed;
        }

        if (destination.Length < rtcp.Length + _rtcpOverhead)
        {
            return SrtpStatus.DestinationTooSmall;
        }

        CheckOverlap(rtcp, destination);
        if (!_streams.TryGetOrAdd(ssrc, out SrtpStream? stream))
        {
            return SrtpStatus.TooManyStreams;
        }

        uint index = stream.SrtcpSendIndex;
        if (index > 0x7FFF_FFFFu)
        {
            return SrtpStatus.IndexExhausted;
        }

        stream.SrtcpSendIndex = index + 1;
        written = _rtcp.ProtectRtcp(rtcp, destination, ssrc, index);
        return SrtpStatus.Ok;
    }

    /// <summary>Protects the RTCP packet in <c>buffer[..length]</c> in place; the buffer needs room for the overhead.</summary>
    public SrtpStatus ProtectRtcpInPlace(Span<byte> buffer, int length, out int written)
    {
        if ((uint)length > (uint)buffer.Length)
        {
            written = 0;
            return SrtpStatus.Malformed;
        }

        return ProtectRtcp(buffer.Slice(0, length), buffer, out written);
    }

    /// <summary>Checks and (E = 1) decrypts an SRTCP packet into <paramref name="destination"/> (needs <c>srtcp.Length - RtcpOverhead</c> bytes).</summary>
    public SrtpStatus UnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> destination, out int written)
    {
        written = 0;
        if (srtcp.Length < RtcpHeaderReader.HeaderLength + _rtcpOverhead || !RtcpHeaderReader.TryRead(srtcp, out uint ssrc))
        {
            return SrtpStatus.Malformed;
        }

        int length = srtcp.Length - _rtcpOverhead;
        if (destination.Length < length)
        {
            return SrtpStatus.DestinationTooSmall;
        }

        CheckOverlap(srtcp, destination);
        uint eAndIndex = BinaryPrimitives.ReadUInt32BigEndian(srtcp.Slice(_rtcp.GetSrtcpIndexOffset(srtcp.Length)));
        ulong index = eAndIndex & 0x7FFF_FFFFu;
        SrtpStream? stream = _streams.Find(ssrc);
        if (stream is null)
        {
            if (_streams.IsFull)
            {
                return SrtpStatus.TooManyStreams;
            }
        }
        else if (stream.RtcpReceive.IsReplay(index))
        {
            return SrtpStatus.Replay;
        }

        if (!_rtcp.UnprotectRtcp(srtcp, destination, ssrc, eAndIndex))
        {
            return SrtpStatus.AuthFailed;
        }

        if (stream is null)
        {
            _streams.TryGetOrAdd(ssrc, out stream);
            Debug.Assert(stream is not null, "capacity was checked before decrypting");
        }

        stream.RtcpReceive.Accept(index);
        written = length;
        return SrtpStatus.Ok;
    }

    /// <summary>Checks and decrypts the SRTCP packet that is exactly <paramref name="packet"/>, in place.</summary>
    public SrtpStatus UnprotectRtcpInPlace(Span<byte> packet, out int written) => UnprotectRtcp(packet, packet, out written);

    /// <summary><see cref="ProtectRtp(ReadOnlySpan{byte}, Span{byte}, out int)"/> as a bool.</summary>
    public bool TryProtectRtp(ReadOnlySpan<byte> rtp, Span<byte> destination, out int written) =>
        ProtectRtp(rtp, destination, out written) == SrtpStatus.Ok;

    /// <summary><see cref="UnprotectRtp(ReadOnlySpan{byte}, Span{byte}, out int)"/> as a bool.</summary>
    public bool TryUnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> destination, out int written) =>
        UnprotectRtp(srtp, destination, out written) == SrtpStatus.Ok;

    /// <summary><see cref="ProtectRtcp(ReadOnlySpan{byte}, Span{byte}, out int)"/> as a bool.</summary>
    public bool TryProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> destination, out int written) =>
        ProtectRtcp(rtcp, destination, out written) == SrtpStatus.Ok;

    /// <summary><see cref="UnprotectRtcp(ReadOnlySpan{byte}, Span{byte}, out int)"/> as a bool.</summary>
    public bool TryUnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> destination, out int written) =>
        UnprotectRtcp(srtcp, destination, out written) == SrtpStatus.Ok;

    /// <summary>Forgets an SSRC (its ROC, replay windows and SRTCP index), e.g. when a track ends.</summary>
    public bool RemoveStream(uint ssrc) => _streams.Remove(ssrc);

    /// <summary>
    /// Rollover counter of an SSRC: on the send side the ROC of the highest index protected, on the
    /// receive side that of the highest index authenticated. False when the SSRC has no such state.
    /// </summary>
    public bool TryGetRolloverCounter(uint ssrc, bool send, out uint rolloverCounter)
    {
        rolloverCounter = 0;
        SrtpStream? stream = _streams.Find(ssrc);
        if (stream is null)
        {
            return false;
        }

        if (send)
        {
            rolloverCounter = (uint)(stream.RtpSendHighest >> 16);
            return stream.RtpSendStarted;
        }

        rolloverCounter = (uint)(stream.RtpReceive.Highest >> 16);
        return stream.RtpReceive.IsStarted;
    }

    /// <summary>Releases the AES, HMAC and GCM objects and wipes the session keys they hold.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    /// <summary>Highest SRTP index protected (send) or authenticated (receive) for an SSRC.</summary>
    internal bool TryGetHighestIndex(uint ssrc, bool send, out ulong index)
    {
        index = 0;
        SrtpStream? stream = _streams.Find(ssrc);
        if (stream is null)
        {
            return false;
        }

        index = send ? stream.RtpSendHighest : stream.RtpReceive.Highest;
        return send ? stream.RtpSendStarted : stream.RtpReceive.IsStarted;
    }

    /// <summary>Sets the SRTCP index the next protected RTCP packet of <paramref name="ssrc"/> gets (test vectors).</summary>
    internal void SetNextSrtcpIndex(uint ssrc, uint index)
    {
        _streams.TryGetOrAdd(ssrc, out SrtpStream? stream);
        Debug.Assert(stream is not null);
        stream.SrtcpSendIndex = index;
    }

    private static SrtpCipher CreateCipher(in SrtpProfileParameters parameters, SrtpSessionKeys keys, int tagLength) =>
        parameters.IsAead ? new AesGcmCipher(keys) : new AesCmHmacSha1Cipher(keys, tagLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckOverlap(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Overlaps(destination, out int offset) && offset != 0)
        {
            ThrowHelper.PartialOverlap();
        }
    }
}
