using System.Net;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Edge;
using VideoRelay.Ingest;
using VideoRelay.Ingest.Rtmp;
using VideoRelay.Ingest.Srt;
using VideoRelay.Relay.Client;
using VideoRelay.Relay.Server;
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

        var relay = configuration.GetSection("Relay").Get<RelayNodeOptions>() ?? new RelayNodeOptions();
        var frontDoor = configuration.GetSection("FrontDoor").Get<FrontDoorOptions>() ?? new FrontDoorOptions();
        services.AddSingleton(relay);
        services.AddSingleton(frontDoor);

        switch (node.Role)
        {
            case NodeRoles.All:
                AddIngest(services, ingest, demo, node);
                AddEdge(services);
                if (relay.Port > 0)
                {
                    AddRelayServer(services, relay, sp => sp.GetRequiredService<StreamRegistry>());
                }
                break;
            case NodeRoles.Origin:
                AddIngest(services, ingest, demo, node);
                if (relay.Port == 0)
                {
                    relay.Port = 9100;
                }
                AddRelayServer(services, relay, sp => sp.GetRequiredService<StreamRegistry>());
                break;
            case NodeRoles.Edge:
                services.AddSingleton(sp => new RelayClient(
                    new RelayClientOptions
                    {
                        Origin = relay.Origin,
                        Secret = relay.Secret,
                        NodeName = Environment.MachineName,
                        ReconnectMaxDelay = TimeSpan.FromSeconds(relay.ReconnectMaxDelaySeconds),
                    },
                    sp.GetRequiredService<TieredBufferPool>(),
                    sp.GetRequiredService<ILogger<RelayClient>>()));
                services.AddSingleton<IStreamCatalog>(sp => sp.GetRequiredService<RelayClient>());
                services.AddHostedService(sp => sp.GetRequiredService<RelayClient>());
                AddEdge(services);
                if (relay.Port > 0)
                {
                    AddRelayServer(services, relay, sp => sp.GetRequiredService<RelayClient>()); // cascade
                }
                break;
            case NodeRoles.FrontDoor:
                services.AddSingleton<FrontDoor>();
                services.AddHostedService(sp => sp.GetRequiredService<FrontDoor>());
                break;
            default:
                throw new InvalidOperationException($"Node:Role must be all, origin, edge or frontdoor (got '{node.Role}')");
        }
    }

    private static void AddIngest(IServiceCollection services, IngestOptions ingest, DemoSourceOptions demo, NodeOptions node)
    {
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
    }

    private static void AddEdge(IServiceCollection services)
    {
        services.AddSingleton<EdgeServer>();
        services.AddHostedService<EdgeHostedService>();
    }

    private static void AddRelayServer(IServiceCollection services, RelayNodeOptions relay, Func<IServiceProvider, IStreamCatalog> catalog)
    {
        if (string.IsNullOrEmpty(relay.Secret))
        {
            throw new InvalidOperationException("Relay:Secret must be set to serve the relay (the cluster secret edges prove with HMAC)");
        }
        services.AddSingleton(sp => new RelayServer(
            new RelayServerOptions { EndPoint = new IPEndPoint(IPAddress.Parse(relay.BindAddress), relay.Port), Secret = relay.Secret, NodeName = Environment.MachineName },
            catalog(sp),
            sp.GetRequiredService<TieredBufferPool>(),
            sp.GetRequiredService<ILogger<RelayServer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RelayServer>());
    }
}
