using System.Net;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Edge;
using VideoRelay.Ingest;
using VideoRelay.Ingest.Rtmp;
using VideoRelay.Ingest.Srt;
using VideoRelay.Transcode;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Node;

/// <summary>Registers the node's parts for its role.</summary>
internal static class NodeServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration, NodeOptions node)
    {
        var ingest = configuration.GetSection("Ingest").Get<IngestOptions>() ?? new IngestOptions();
        var edge = configuration.GetSection("Edge").Get<EdgeOptions>() ?? new EdgeOptions();
        var transcoding = configuration.GetSection("Transcode").Get<TranscoderOptions>() ?? new TranscoderOptions();
        var demo = configuration.GetSection("Demo").Get<DemoSourceOptions>() ?? new DemoSourceOptions();

        services.AddSingleton(node);
        services.AddSingleton(ingest);
        services.AddSingleton(edge);
        services.AddSingleton(transcoding);
        services.AddSingleton(demo);
        services.AddSingleton(_ => TieredBufferPool.CreateMediaDefault());
        services.AddSingleton<ViewerLatency>();

        bool canTranscode = NativeLibraryResolver.FindLibrary() is not null;
        services.AddSingleton<IStreamTranscoderFactory, NativeTranscoderFactory>();
        services.AddSingleton(sp => new StreamRegistry(ingest, sp.GetService<IStreamTranscoderFactory>(), sp.GetRequiredService<ILogger<StreamRegistry>>()));
        services.AddSingleton<IStreamCatalog>(sp => sp.GetRequiredService<StreamRegistry>());

        if (ingest.RtmpPort > 0)
        {
            services.AddSingleton(sp => new RtmpServer(
                sp.GetRequiredService<StreamRegistry>(),
                sp.GetRequiredService<TieredBufferPool>(),
                new RtmpServerOptions
                {
                    EndPoint = new IPEndPoint(IPAddress.Parse(ingest.ListenAddress), ingest.RtmpPort),
                    RefuseBFrames = !canTranscode, // with the transcoder a B-frame stream is transcoded, never passed through
                },
                sp.GetRequiredService<ILogger<RtmpServer>>()));
            services.AddHostedService(sp => sp.GetRequiredService<RtmpServer>());
        }
        if (ingest.SrtPort > 0)
        {
            services.AddSingleton(sp => new SrtListener(
                new SrtListenerOptions
                {
                    BindAddress = IPAddress.Parse(ingest.ListenAddress),
                    Port = ingest.SrtPort,
                    LatencyMs = ingest.SrtLatencyMs,
                    Passphrases = ingest.Streams
                        .Where(s => !string.IsNullOrEmpty(s.Value.SrtPassphrase))
                        .ToDictionary(s => s.Key, s => s.Value.SrtPassphrase!, StringComparer.Ordinal),
                },
                sp.GetRequiredService<StreamRegistry>(),
                sp.GetRequiredService<TieredBufferPool>(),
                sp.GetRequiredService<ILogger<SrtListener>>()));
        }
        if (demo.Enabled && node.DemoSource)
        {
            services.AddSingleton(sp => new DemoSource(
                demo,
                sp.GetRequiredService<StreamRegistry>(),
                sp.GetRequiredService<TieredBufferPool>(),
                ingest.Streams.TryGetValue(demo.StreamName, out StreamKeyOptions? k) ? k.Key : null,
                sp.GetRequiredService<ILogger<DemoSource>>()));
        }
        services.AddHostedService<IngestHostedService>();

        services.AddSingleton<EdgeServer>();
        services.AddHostedService<EdgeHostedService>();
    }
}
