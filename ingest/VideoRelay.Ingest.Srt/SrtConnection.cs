using System.Net;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest.MpegTs;
using VideoRelay.Ingest.Srt.Interop;

namespace VideoRelay.Ingest.Srt;

/// <summary>
/// One accepted SRT publisher: a dedicated thread reads messages (blocking, with a receive timeout so it
/// notices shutdown), stamps their receive time, and feeds the TS demuxer, which calls the publish session.
/// When the publisher leaves (or on shutdown) the session is disposed and the socket closed.
/// </summary>
internal sealed unsafe class SrtConnection
{
    private const int ReceiveTimeoutMs = 250;
    private const int MaxMessage = 1500; // live mode payloads are at most 1456 bytes

    private readonly SrtListener _listener;
    private readonly int _socket;
    private readonly IPublishSession _session;
    private readonly TieredBufferPool _pool;
    private readonly SrtListenerOptions _options;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _lastLost;
    private long _lastRetransmitted;
    private long _lastDropped;
    private long _messages;

    public SrtConnection(SrtListener listener, int socket, PendingPublish pending, TieredBufferPool pool, SrtListenerOptions options, ILogger logger)
    {
        _listener = listener;
        _socket = socket;
        _session = pending.Session;
        Stream = pending.Stream;
        Remote = pending.Remote;
        _pool = pool;
        _options = options;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = $"srt-recv-{socket}" };
    }

    public string Stream { get; }

    public IPEndPoint? Remote { get; }

    /// <summary>How late the last message was read after its SRT play time (TSBPD), ns.</summary>
    public long LastPlayoutLagNs { get; private set; }

    /// <summary>The receive latency agreed in the handshake (the larger of ours and the publisher's), ms.</summary>
    public int NegotiatedLatencyMs { get; private set; }

    /// <summary>True once the demuxer saw B-frames in the video (logged once).</summary>
    public bool HasBFrames { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>Asks the thread to stop and waits for it.</summary>
    public void Stop(TimeSpan timeout)
    {
        _stopping = true;
        _thread.Join(timeout);
    }

    private void Run()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.Enter();
        string why = "publisher closed";
        byte[] buffer = GC.AllocateUninitializedArray<byte>(MaxMessage, pinned: true);
        var demuxer = new TsDemuxer(_session, _pool, _options.Demuxer);
        long nextStats = Clock.Ticks + Clock.Frequency;
        try
        {
            SrtNative.SetInt(_socket, SrtOption.RcvTimeout, ReceiveTimeoutMs);
            // libsrt reports a received message's srctime as its TSBPD play time (sender time + latency), so
            // the sender's time is srctime − the negotiated latency.
            long latencyNs = SrtNative.GetInt(_socket, SrtOption.RcvLatency, out int latencyMs) == 0 ? latencyMs * 1_000_000L : 0;
            NegotiatedLatencyMs = latencyMs;
            fixed (byte* p = buffer)
            {
                while (!_stopping)
                {
                    SrtMsgCtrl control = SrtMsgCtrl.Default;
                    int n = SrtNative.srt_recvmsg2(_socket, p, MaxMessage, &control);
                    if (n < 0)
                    {
                        int error = SrtNative.LastErrorCode();
                        if (error is SrtNative.ErrorAsyncReceive or SrtNative.ErrorTimeout)
                        {
                            PollStats(ref nextStats);
                            continue;
                        }
                        why = error == SrtNative.ErrorConnectionLost ? "connection lost" : SrtNative.LastError();
                        break;
                    }
                    if (n == 0)
                    {
                        continue;
                    }
                    long received = Clock.UnixNowNs();
                    long source = 0;
                    if (control.SrcTime > 0)
                    {
                        LastPlayoutLagNs = (SrtNative.srt_time_now() - control.SrcTime) * 1000;
                        source = _options.UseSourceTimeAsCapture ? received - LastPlayoutLagNs - latencyNs : 0;
                    }
                    _listener.CountersMutable.OnMessage(n);
                    _messages++;
                    demuxer.Feed(new ReadOnlySpan<byte>(p, n), received, source);
                    if (demuxer.HasBFrames && !HasBFrames)
                    {
                        HasBFrames = true;
                        Log.BFrames(_logger, Stream);
                    }
                    PollStats(ref nextStats);
                }
            }
            if (_stopping)
            {
                why = "listener stopped";
            }
            demuxer.Flush();
        }
        catch (Exception e)
        {
            why = "error";
            Log.ConnectionFailed(_logger, Stream, e);
        }
        finally
        {
            UpdateStats();
            demuxer.Dispose();
            try
            {
                _session.Dispose();
            }
            catch (Exception e)
            {
                Log.ConnectionFailed(_logger, Stream, e);
            }
            SrtNative.srt_close(_socket);
            Log.Disconnected(_logger, Remote, Stream, why, demuxer.Counters.Bytes, _messages, _lastLost, _lastRetransmitted);
            _listener.OnConnectionClosed(_socket);
        }
    }

    private void PollStats(ref long nextStats)
    {
        long now = Clock.Ticks;
        if (now >= nextStats)
        {
            nextStats = now + Clock.Frequency;
            UpdateStats();
        }
    }

    private void UpdateStats()
    {
        Span<byte> stats = stackalloc byte[SrtStatsLayout.Size];
        fixed (byte* p = stats)
        {
            if (SrtNative.srt_bstats(_socket, p, 0) < 0)
            {
                return;
            }
        }
        long lost = SrtStatsLayout.ReadInt32(stats, SrtStatsLayout.PktRcvLossTotal);
        long retransmitted = SrtStatsLayout.ReadInt32(stats, SrtStatsLayout.PktRcvRetrans);
        long dropped = SrtStatsLayout.ReadInt32(stats, SrtStatsLayout.PktRcvDropTotal);
        _listener.CountersMutable.AddTransportStats(lost - _lastLost, retransmitted - _lastRetransmitted, dropped - _lastDropped);
        _lastLost = lost;
        _lastRetransmitted = retransmitted;
        _lastDropped = dropped;
    }
}
