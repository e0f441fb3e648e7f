using VideoRelay.Core.Media;
using VideoRelay.Transcode;

namespace VideoRelay.Ingest;

/// <summary>Forwards a <see cref="Transcoder"/>'s output to a live stream, announcing each rendition on its first configuration.</summary>
internal sealed class TranscoderAdapterOutput(ITranscodeSink sink) : ITranscodeOutput
{
    private readonly bool[] _announced = new bool[LiveStream.MaxRenditions];

    public Transcoder? Transcoder { get; set; }

    public void OnVideoConfig(int rendition, CodecConfig config)
    {
        if ((uint)rendition < (uint)_announced.Length && !_announced[rendition] && Transcoder is { } t)
        {
            foreach (VideoRelay.Transcode.RenditionStats r in t.Renditions)
            {
                if (r.Id == rendition)
                {
                    sink.OnRenditionAdded(new RenditionLayout(r.Id, r.Name, r.Width, r.Height, r.Bitrate / 1000));
                    _announced[rendition] = true;
                }
            }
        }
        sink.OnVideoConfig(rendition, config);
    }

    public void OnVideoFrame(int rendition, in MediaFrame frame) => sink.OnVideoFrame(rendition, frame);

    public void OnAudioConfig(CodecConfig config) => sink.OnAudioConfig(config);

    public void OnAudioFrame(in MediaFrame frame) => sink.OnAudioFrame(frame);
}
