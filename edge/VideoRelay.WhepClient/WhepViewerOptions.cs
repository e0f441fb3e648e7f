using VideoRelay.WebRtc.Dtls;

namespace VideoRelay.WhepClient;

/// <summary>How a <see cref="WhepViewer"/> connects and what it does with what it receives.</summary>
public sealed class WhepViewerOptions
{
    /// <summary>Local address the viewer's UDP socket binds (port 0: any free port).</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>HTTP client for the WHEP POST and DELETE; null: the viewer makes (and disposes) its own.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Our DTLS certificate; null: a fresh ECDSA P-256 one per viewer.</summary>
    public DtlsCertificate? Certificate { get; init; }

    /// <summary>Longest wait for an authenticated ICE success response.</summary>
    public TimeSpan IceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest DTLS handshake.</summary>
    public TimeSpan DtlsTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of ICE consent checks (RFC 7675 asks for about every 5 s, randomized; the edge needs one within its consent timeout).</summary>
    public TimeSpan ConsentInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Interval of receiver reports (compound RR + SDES).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time between NACKs of the same missing packet.</summary>
    public TimeSpan NackRetryInterval { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>How many times a missing packet is NACKed at most.</summary>
    public int MaxNacksPerPacket { get; init; } = 3;

    /// <summary>
    /// How long the video reorder buffer waits for a missing packet (first NACK to give-up) before the frame is
    /// declared lost. Retransmissions that come later are discarded.
    /// </summary>
    public TimeSpan NackGiveUp { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Least time between two PLIs.</summary>
    public TimeSpan PliInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Capacity of <see cref="WhepViewer.Frames"/>; 0 turns the queue off (no copy per frame: use
    /// <see cref="OnFrame"/> and the counters, e.g. in benchmarks). A full queue drops frames (counted).
    /// </summary>
    public int FrameQueueCapacity { get; init; } = 4096;

    /// <summary>
    /// Called on the receive thread for every complete frame, with the payload valid only during the call
    /// (no copy, no allocation). Must be quick.
    /// </summary>
    public WhepFrameCallback? OnFrame { get; init; }

    /// <summary>Largest access unit accepted, bytes.</summary>
    public int MaxFrameSize { get; init; } = 4 << 20;

    /// <summary>
    /// Test hook: called with each incoming SRTP media packet (still protected; its RTP header is in the clear);
    /// true drops it as if the network had lost it. Runs on the receive thread.
    /// </summary>
    public Func<ReadOnlySpan<byte>, bool>? DropIncomingRtp { get; init; }

    /// <summary>Test hook: probability in [0, 1) of dropping each incoming SRTP media packet (retransmissions too).</summary>
    public double DropProbability { get; init; }

    /// <summary>Seed of the drop probability's random sequence (reproducible losses).</summary>
    public int DropSeed { get; init; } = 1;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(BindAddress);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IceTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DtlsTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConsentInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReportInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NackRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NackGiveUp, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNacksPerPacket, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(FrameQueueCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 4096);
        if (DropProbability is < 0 or >= 1 || double.IsNaN(DropProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(DropProbability), DropProbability, "must be in [0, 1)");
        }
    }
}
