using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;

namespace VideoRelay.Transcode;

/// <summary>
/// Per-stream transcoder: H.264 source → one decode → scale + x264 per rendition (numbered 1..N; 0 is the
/// passthrough source, handled elsewhere), and AAC → Opus 48 kHz stereo 20 ms.
/// </summary>
/// <remarks>
/// Threads: one decode thread (an SPSC ring of source frames in front of it) and one thread per rendition
/// (an SPSC ring of shared decoded pictures in front of each). A decoded picture is the decoder's own
/// AVFrame reference, shared by every encoder without a copy and freed by the last one. A full ring
/// drops (counted) instead of queueing latency; keyframes stay aligned (see <see cref="VideoDecodeStage"/>).
/// Every video frame out carries its source frame's <see cref="TimingRecord"/>, pts (dts = pts: no
/// B-frames out), the source's SEI NAL units before its slices, and TranscodeStart/TranscodeEnd stamps.
/// Audio is transcoded on the thread that calls <see cref="TrySubmitAudio"/>.
/// </remarks>
public sealed class Transcoder : IDisposable
{
    private readonly VideoDecodeStage _video;
    private readonly AudioTranscodeStage _audio;
    private readonly Lock _audioLock = new();
    private int _disposed;

    public Transcoder(TranscoderOptions options, TieredBufferPool pool, ITranscodeOutput output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(output);
        if (options.InputQueueCapacity < 2 || (options.InputQueueCapacity & (options.InputQueueCapacity - 1)) != 0
            || options.EncoderQueueCapacity < 2 || (options.EncoderQueueCapacity & (options.EncoderQueueCapacity - 1)) != 0)
        {
            throw new ArgumentException("queue capacities must be powers of two ≥ 2", nameof(options));
        }
        Options = options;
        _video = new VideoDecodeStage(options, pool, output);
        _audio = new AudioTranscodeStage(options, pool, output);
    }

    public TranscoderOptions Options { get; }

    /// <summary>Per-rendition counters and histograms (empty until the first picture is decoded).</summary>
    public IReadOnlyList<RenditionStats> Renditions => Array.ConvertAll(_video.Renditions, r => r.Stats);

    /// <summary>Access units the decoder refused and pictures it concealed (each one dropped until the next keyframe).</summary>
    public long DecodeErrors => Interlocked.Read(ref _video.DecodeErrorCount);

    public long FramesDecoded => Interlocked.Read(ref _video.FramesDecodedCount);

    /// <summary>Source frames refused because the decode queue was full.</summary>
    public long InputDropped => Interlocked.Read(ref _video.InputDroppedCount);

    /// <summary>Decoded pictures not offered to any rendition (waiting for a keyframe after an error, or no free picture).</summary>
    public long PicturesDropped => Interlocked.Read(ref _video.PicturesDroppedCount);

    /// <summary>SEI NAL units too large to carry over (counted, skipped).</summary>
    public long SeiSkipped => Interlocked.Read(ref _video.SeiSkippedCount);

    /// <summary>True once the source showed reordering (pts ≠ dts, or the decoder's reorder depth &gt; 0): do not pass it to WebRTC.</summary>
    public bool SourceHasBFrames => Volatile.Read(ref _video.ReorderDepthValue) > 0;

    public long AudioFramesIn => Interlocked.Read(ref _audio.FramesIn);
    public long AudioPacketsOut => Interlocked.Read(ref _audio.PacketsOut);
    public long AudioDecodeErrors => Interlocked.Read(ref _audio.DecodeErrors);

    /// <summary>The Opus configuration of the audio output (48 kHz stereo).</summary>
    public CodecConfig OpusConfig => _audio.OpusConfig;

    /// <summary>
    /// Whether a source with this SPS can go to WebRTC untranscoded: true for (Constrained) Baseline or
    /// a VUI that promises max_num_reorder_frames = 0; false when the SPS is missing or unreadable.
    /// Check <see cref="HasReordering"/> per frame too (an encoder may omit the VUI restriction).
    /// </summary>
    public static bool IsWebRtcSafe(CodecConfig config) =>
        config is { Codec: CodecId.H264 } && H264SpsReader.TryRead(config.Sps, out H264SpsInfo info) && info.IsReorderFree;

    /// <summary>True when the frame is displayed out of decode order (a B-frame stream).</summary>
    public static bool HasReordering(in MediaFrame frame) => frame.IsVideo && frame.Pts != frame.Dts;

    /// <summary>The source's H.264 configuration (frames may also carry it in <see cref="MediaFrame.Config"/>).</summary>
    public void SetVideoConfig(CodecConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _video.SetConfig(config);
    }

    /// <summary>The source's AAC configuration (AudioSpecificConfig).</summary>
    public void SetAudioConfig(CodecConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_audioLock)
        {
            _audio.SetConfig(config);
        }
    }

    /// <summary>One producer thread: queues a source H.264 access unit (adds its own lease reference; the caller keeps its own).</summary>
    public bool TrySubmitVideo(in MediaFrame frame) => Volatile.Read(ref _disposed) == 0 && _video.TrySubmit(frame);

    /// <summary>Transcodes one AAC access unit now; Opus packets go to the output before this returns.</summary>
    public bool TrySubmitAudio(in MediaFrame frame)
    {
        lock (_audioLock)
        {
            return Volatile.Read(ref _disposed) == 0 && _audio.TrySubmit(frame);
        }
    }

    /// <summary>Makes the next encoded picture of every rendition a keyframe (the same source picture for all).</summary>
    public void RequestKeyframe() => _video.RequestKeyframe();

    /// <summary>Drains what is queued, stops the threads and frees the codecs.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _video.Dispose();
        lock (_audioLock)
        {
            _audio.Dispose();
        }
    }
}
