using System.Runtime.CompilerServices;

namespace VideoRelay.WebRtc.Ice;

/// <summary>Demultiplexes STUN, DTLS, RTP and RTCP arriving on one UDP port by their first bytes.</summary>
/// <remarks>
/// RFC 7983 §7, the first-byte table (this is where the demultiplexing happens):
/// <code>
///                 +----------------+
///                 |        [0..3] -+--> forward to STUN
///                 |                |
///                 |      [16..19] -+--> forward to ZRTP        (Unknown here)
///                 |                |
///     packet -->  |      [20..63] -+--> forward to DTLS
///                 |                |
///                 |      [64..79] -+--> forward to TURN Channel (Unknown here)
///                 |                |
///                 |    [128..191] -+--> forward to RTP/RTCP
///                 +----------------+
/// </code>
/// Within 128–191, RFC 5761 §4: with rtcp-mux, the second byte (marker bit + payload type) in
/// 192–223 (RTCP packet types 192–223, e.g. SR 200, RR 201, RTPFB 205, PSFB 206) means RTCP;
/// anything else is RTP (RTP payload types 64–95 must not be used on a muxed port).
/// </remarks>
public static class DatagramClassifier
{
    /// <summary>Classifies one datagram by its first (and for RTP/RTCP, second) byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DatagramKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return DatagramKind.Unknown;
        }
        byte b = datagram[0];
        if (b <= 3)
        {
            return DatagramKind.Stun;
        }
        if (b is >= 20 and <= 63)
        {
            return DatagramKind.Dtls;
        }
        if (b is >= 128 and <= 191)
        {
            if (datagram.Length < 2)
            {
                return DatagramKind.Unknown;
            }
            return datagram[1] is >= 192 and <= 223 ? DatagramKind.Rtcp : DatagramKind.Rtp;
        }
        return DatagramKind.Unknown;
    }
}
