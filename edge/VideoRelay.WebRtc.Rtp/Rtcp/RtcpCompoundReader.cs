namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>
/// Iterates the packets of an RTCP compound datagram (RFC 3550 §6.1) without allocating. Every length field
/// is checked against what is left; the first malformed header stops the iteration and sets
/// <see cref="Error"/> (packets already returned stay valid). Reduced-size RTCP (RFC 5506: a lone feedback
/// packet) is accepted, so the first packet need not be an SR or RR.
/// </summary>
/// <remarks>
/// Usage: <c>var r = new RtcpCompoundReader(datagram); while (r.TryNext(out RtcpHeader h, out var packet)) { switch (h.PacketType) … }</c>,
/// then the packet goes to the matching type's <c>TryRead</c>.
/// </remarks>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _datagram;
    private int _offset;

    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _datagram = datagram;
        _offset = 0;
        Error = datagram.IsEmpty ? RtcpReadError.Empty : RtcpReadError.None;
    }

    public RtcpReadError Error { get; private set; }

    /// <summary>Packets returned so far.</summary>
    public int PacketCount { get; private set; }

    /// <summary>Returns the next packet (header included, padding included) or false at the end or on error.</summary>
    public bool TryNext(out RtcpHeader header, out ReadOnlySpan<byte> packet)
    {
        header = default;
        packet = default;
        if (Error != RtcpReadError.None || _offset == _datagram.Length)
        {
            return false;
        }
        ReadOnlySpan<byte> rest = _datagram[_offset..];
        if (rest.Length < RtcpHeader.Size)
        {
            return Fail(RtcpReadError.Truncated);
        }
        if (!RtcpHeader.TryRead(rest, out header, out _))
        {
            return Fail(RtcpReadError.BadVersion);
        }
        if (header.LengthWords == 0)
        {
            return Fail(RtcpReadError.ZeroLength);
        }
        int length = header.PacketLength;
        if (length > rest.Length)
        {
            return Fail(RtcpReadError.LengthPastEnd);
        }
        if (header.Padding && (length != rest.Length || rest[length - 1] == 0 || rest[length - 1] > length - RtcpHeader.Size))
        {
            return Fail(RtcpReadError.BadPadding);
        }
        packet = rest[..length];
        _offset += length;
        PacketCount++;
        return true;
    }

    private bool Fail(RtcpReadError error)
    {
        Error = error;
        return false;
    }
}
