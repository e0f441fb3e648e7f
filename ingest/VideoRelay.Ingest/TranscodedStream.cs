using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Transcode;

namespace VideoRelay.Ingest;

/// <summary>A stream's <see cref="Transcoder"/> behind the registry's <see cref="IStreamTranscoder"/>.</summary>
internal sealed class TranscodedStream : IStreamTranscoder
{
    private readonly Transcoder _transcoder;

    public TranscodedStream(TranscoderAdapterOutput output, TranscoderOptions options, TieredBufferPool pool)
    {
        _transcoder = new Transcoder(options, pool, output);
        output.Transcoder = _transcoder;
    }

    public void SetVideoConfig(CodecConfig config) => _transcoder.SetVideoConfig(config);
    public void SetAudioConfig(CodecConfig config) => _transcoder.SetAudioConfig(config);
    public bool TrySubmitVideo(in MediaFrame frame) => _transcoder.TrySubmitVideo(frame);
    public bool TrySubmitAudio(in MediaFrame frame) => _transcoder.TrySubmitAudio(frame);
    public void RequestKeyframe() => _transcoder.RequestKeyframe();

    public bool TryGetRenditionFigures(int renditionId, out long dropped, out double encodeP50Ms, out double encodeP99Ms)
    {
        foreach (VideoRelay.Transcode.RenditionStats r in _transcoder.Renditions)
        {
            if (r.Id == renditionId)
            {
                var s = r.EncodeTime.Summarize();
                dropped = r.Dropped;
                encodeP50Ms = s.P50 / 1e6;
                encodeP99Ms = s.P99 / 1e6;
                return true;
            }
        }
        dropped = 0;
        encodeP50Ms = encodeP99Ms = 0;
        return false;
    }

    public void Dispose() => _transcoder.Dispose();
}
