namespace VideoRelay.Edge;

/// <summary>Edge configuration (section "Edge").</summary>
public sealed class EdgeOptions
{
    /// <summary>The one UDP port every viewer of this edge uses (ICE, DTLS, SRTP, RTCP).</summary>
    public int UdpPort { get; set; } = 8189;

    /// <summary>Address the UDP socket binds.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// Host name or IP put in the ICE candidate: what viewers can reach. Behind NAT or in a container set it to the
    /// public/host address (the UDP port must be published 1:1).
    /// </summary>
    public string AnnouncedAddress { get; set; } = "127.0.0.1";

    /// <summary>Most viewers this edge accepts (WHEP answers 503 beyond it).</summary>
    public int MaxViewers { get; set; } = 2000;

    /// <summary>RFC 7675: a viewer whose consent checks stop for this long is dropped.</summary>
    public double ConsentTimeoutSeconds { get; set; } = 30;

    /// <summary>A viewer that does not finish ICE + DTLS within this long is dropped.</summary>
    public double ConnectTimeoutSeconds { get; set; } = 15;

    /// <summary>Ask browsers for no playout delay (the playout-delay RTP extension, min = max = 0) when they offer it.</summary>
    public bool ZeroPlayoutDelay { get; set; } = true;

    /// <summary>
    /// Ask the kernel for a transmit timestamp of every datagram (read back from the error queue) so each frame's
    /// first packet gets a Hop.KernelTx stamp. Costs one error-queue message per packet; turn off for the last
    /// few percent of fan-out throughput.
    /// </summary>
    public bool TransmitTimestamps { get; set; } = true;

    /// <summary>Largest SDP offer accepted, bytes.</summary>
    public int MaxOfferBytes { get; set; } = 64 * 1024;

    /// <summary>Folder of the browser player (player-web/); empty: found by walking up from the program's folder.</summary>
    public string PlayerRoot { get; set; } = "";

    /// <summary>Packets kept per rendition for NACK retransmission (power of two).</summary>
    public int RetransmissionPackets { get; set; } = 2048;
}
