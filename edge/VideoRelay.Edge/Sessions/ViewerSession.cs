using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Dtls;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Edge.Sessions;

/// <summary>
/// One viewer (one WHEP session). Threads: the UDP receive thread drives ICE, feeds DTLS and unprotects RTCP
/// (<see cref="Srtp"/>.Inbound); the stream's fan-out thread owns every send field below and
/// <see cref="Srtp"/>.Outbound. The two meet only through the NACK ring and a few volatile flags.
/// </summary>
[DebuggerDisplay("{Id} {StreamName}/{RenditionName} {State}")]
internal sealed class ViewerSession
{
    private int _state = (int)ViewerState.Connecting;
    private SocketAddress? _remote;

    public ViewerSession(string streamName, IStreamHandle stream, int renditionId, bool autoRendition, ViewerMedia media, IceCredentials local)
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        StreamName = streamName;
        Stream = stream;
        RenditionId = renditionId;
        AutoRendition = autoRendition;
        Media = media;
        LocalIce = local;
        VideoSsrc = RandomSsrc();
        AudioSsrc = RandomSsrc();
        Cname = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        CreatedTicks = Clock.Ticks;
        VideoSeqBase = (ushort)RandomNumberGenerator.GetInt32(0, 30000);
        AudioSeqBase = (ushort)RandomNumberGenerator.GetInt32(0, 30000);
        VideoTsOffset = (uint)RandomNumberGenerator.GetInt32(0, int.MaxValue);
        AudioTsOffset = (uint)RandomNumberGenerator.GetInt32(0, int.MaxValue);
    }

    public string Id { get; }
    public string StreamName { get; }
    public IStreamHandle Stream { get; }
    public ViewerMedia Media { get; }
    public IceCredentials LocalIce { get; }
    public uint VideoSsrc { get; }
    public uint AudioSsrc { get; }
    public string Cname { get; }
    public long CreatedTicks { get; }
    public bool AutoRendition { get; }

    /// <summary>The rendition this viewer watches (changed only by the fan-out thread after a switch request).</summary>
    public int RenditionId { get; set; }

    public string RenditionName => Stream.Renditions.FirstOrDefault(r => r.Id == RenditionId)?.Name ?? RenditionId.ToString();

    public ViewerState State => (ViewerState)Volatile.Read(ref _state);

    public bool IsPlaying => State == ViewerState.Playing;

    public string? CloseReason { get; private set; }

    /// <summary>The nominated remote address (set by the receive thread; read by senders).</summary>
    public SocketAddress? Remote => Volatile.Read(ref _remote);

    public ConsentFreshness? Consent { get; set; }
    public IceLocalCredential<ViewerSession>? IceCredential { get; set; }
    public DtlsDatagramChannel? Dtls { get; set; }
    public DtlsSrtpResult? DtlsResult { get; set; }
    public SrtpSession? Srtp { get; set; }

    /// <summary>The stream's fan-out that sends to this viewer.</summary>
    public Fanout.StreamFanout? Fanout { get; set; }

    /// <summary>Latest receiver-report figures from the viewer (fraction lost /256, cumulative lost, jitter in RTP units).</summary>
    public int ReportedFractionLost;
    public int ReportedCumulativeLost;
    public uint ReportedJitter;

    /// <summary>Lost sequence numbers reported by NACK, receive thread → fan-out thread.</summary>
    public SpscRing<ushort> Nacks { get; } = new(256);

    /// <summary>Set by the receive thread on PLI/FIR; cleared by the fan-out thread.</summary>
    public volatile bool KeyframeWanted;

    // ---- send state: the fan-out thread only ----
    public ushort VideoSeqBase;
    public ushort AudioSeqBase;
    public uint VideoTsOffset;
    public uint AudioTsOffset;

    /// <summary>Canonical sequence index of the rendition packet this viewer's first video packet came from; -1 until started.</summary>
    public long VideoIndexOrigin = -1;
    public long AudioIndexOrigin = -1;
    public ushort TransportSeq;
    public uint VideoPackets;
    public uint VideoOctets;
    public uint AudioPackets;
    public uint AudioOctets;
    public uint LastVideoRtpTs;
    public uint LastAudioRtpTs;
    public long LastVideoSendTicks;
    public long LastAudioSendTicks;
    public long LastReportTicks;

    // ---- counters (any thread reads) ----
    public long NacksReceived;
    public long Retransmitted;
    public long PlisReceived;
    public long RembBitrate;

    /// <summary>Packets the viewer's transport-wide-cc feedback reported received / not received.</summary>
    public long TwccReceived;
    public long TwccLost;
    public long RtcpDropped;

    /// <summary>Receive thread: the check with USE-CANDIDATE (or the first valid one) fixes the viewer's address.</summary>
    public bool TrySetRemote(SocketAddress remote)
    {
        SocketAddress? current = _remote;
        if (current is not null && current.Equals(remote))
        {
            return false;
        }
        var copy = new SocketAddress(remote.Family, remote.Size);
        remote.Buffer.Span[..remote.Size].CopyTo(copy.Buffer.Span);
        Volatile.Write(ref _remote, copy);
        return true;
    }

    public bool TryAdvance(ViewerState from, ViewerState to) =>
        Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;

    /// <summary>Marks the session closed (once); returns false if it already was.</summary>
    public bool TryClose(string reason)
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == (int)ViewerState.Closed)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _state, (int)ViewerState.Closed, state) == state)
            {
                CloseReason = reason;
                return true;
            }
        }
    }

    public double AgeSeconds => Clock.TicksToNs(Clock.Ticks - CreatedTicks) / 1e9;

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
