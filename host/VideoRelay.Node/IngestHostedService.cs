using VideoRelay.Ingest;
using VideoRelay.Ingest.Srt;

namespace VideoRelay.Node;

/// <summary>Starts and stops the SRT listener and the built-in demo source with the host.</summary>
internal sealed class IngestHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetService<SrtListener>()?.Start();
        services.GetService<DemoSource>()?.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        services.GetService<DemoSource>()?.Dispose();
        services.GetService<SrtListener>()?.Dispose();
        return Task.CompletedTask;
    }
}
