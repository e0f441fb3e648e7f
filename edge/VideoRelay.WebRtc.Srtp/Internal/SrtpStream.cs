using System.Diagnostics;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// Per-SSRC state of one context: send side (highest index sent, next SRTCP index) and receive
/// side (SRTP and SRTCP replay windows, which also carry ROC and s_l). Allocated once, when the SSRC
/// is first protected or first authenticates.
/// </summary>
[DebuggerDisplay("SSRC = {Ssrc}")]
internal sealed class SrtpStream
{
    public SrtpStream(uint ssrc) => Ssrc = ssrc;

    public uint Ssrc { get; }

    /// <summary>True once an RTP packet of this SSRC was protected.</summary>
    public bool RtpSendStarted;

    /// <summary>Highest SRTP index protected (ROC * 2^16 + SEQ).</summary>
    public ulong RtpSendHighest;

    /// <summary>SRTCP index the next protected RTCP packet gets (RFC 3711 §3.4: starts at 0).</summary>
    public uint SrtcpSendIndex;

    public ReplayWindow RtpReceive;

    public ReplayWindow RtcpReceive;
}
