using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Buffers;
using VideoRelay.Transcode;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Ingest;

/// <summary>Makes a <see cref="Transcoder"/> (native/ FFmpeg shim) per published stream.</summary>
public sealed class NativeTranscoderFactory : IStreamTranscoderFactory
{
    private readonly TranscoderOptions _options;
    private readonly TieredBufferPool _pool;
    private readonly ILogger _log;
    private int _unavailableLogged;

    public NativeTranscoderFactory(TranscoderOptions options, TieredBufferPool pool, ILogger<NativeTranscoderFactory>? log = null)
    {
        _options = options;
        _pool = pool;
        _log = log ?? (ILogger)NullLogger.Instance;
    }

    public IStreamTranscoder? Create(string streamName, ITranscodeSink sink)
    {
        try
        {
            NativeLibraryResolver.Register();
            return new TranscodedStream(new TranscoderAdapterOutput(sink), _options, _pool);
        }
        catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or EntryPointNotFoundException)
        {
            if (Interlocked.Exchange(ref _unavailableLogged, 1) == 0)
            {
                _log.LogError(e, "Transcoding is unavailable (stream '{Stream}' gets no ladder and no Opus audio)", streamName);
            }
            return null;
        }
    }
}
