using System.Net;
using VideoRelay.Ingest.MpegTs;

namespace VideoRelay.Ingest.Srt;

/// <summary>Configuration of an <see cref="SrtListener"/>.</summary>
/// <remarks>
/// Latency: SRT holds every packet for the negotiated latency (the larger of this receiver latency and the
/// publisher's) so that lost packets can be retransmitted in time; after that they are dropped. On a LAN or
/// loopback 20–40 ms suffices. For publishing over the internet use at least 3–4 × the RTT to the publisher
/// (e.g. 80 ms RTT → 250–320 ms; the SRT guidance: latency ≥ 4 × RTT on good links, more with loss), since a
/// lost packet needs a NAK and a retransmission, each a round trip, sometimes twice.
/// </remarks>
public sealed class SrtListenerOptions
{
    /// <summary>Address to bind (default any IPv4).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>UDP port; 0 picks a free one (see <see cref="SrtListener.LocalPort"/>). Default 9000.</summary>
    public int Port { get; init; } = 9000;

    /// <summary>Receiver latency (SRTO_LATENCY / SRTO_RCVLATENCY), ms. Default 40.</summary>
    public int LatencyMs { get; init; } = 40;

    /// <summary>Handshakes waiting for accept. Default 16.</summary>
    public int Backlog { get; init; } = 16;

    /// <summary>
    /// Per-stream passphrases (10–79 characters): a publisher of that stream must use the same one, else the
    /// handshake fails (SRT_REJ_BADSECRET / SRT_REJ_UNSECURE). Streams not listed are unencrypted, and a
    /// publisher that encrypts them is refused.
    /// </summary>
    public IDictionary<string, string> Passphrases { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>AES key length in bytes for encrypted streams: 16, 24 or 32, or 0 to follow the publisher. Default 0.</summary>
    public int PbKeyLength { get; init; }

    /// <summary>Connection dropped after this much silence from the publisher, ms. Default 5000.</summary>
    public int PeerIdleTimeoutMs { get; init; } = 5000;

    /// <summary>
    /// Use the publisher's send time from SRT (the message's srctime — its TSBPD play time on this clock —
    /// minus the negotiated latency) as the frames' capture time; otherwise the receive time. Default true:
    /// it makes SRT's own buffering delay visible in the Capture → IngestRx hop (≈ the latency).
    /// </summary>
    public bool UseSourceTimeAsCapture { get; init; } = true;

    /// <summary>Demuxer limits for every connection.</summary>
    public TsDemuxerOptions Demuxer { get; init; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(LatencyMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(Backlog, 1);
        if (PbKeyLength is not (0 or 16 or 24 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(PbKeyLength), PbKeyLength, "must be 0, 16, 24 or 32");
        }
        foreach ((string stream, string passphrase) in Passphrases)
        {
            if (passphrase.Length is < 10 or > 79)
            {
                throw new ArgumentException($"SRT passphrase for stream '{stream}' must be 10 to 79 characters", nameof(Passphrases));
            }
        }
    }
}
