using Microsoft.Extensions.Hosting;

namespace VideoRelay.Edge;

/// <summary>Starts the edge's UDP port with the host and stops it cleanly.</summary>
public sealed class EdgeHostedService(EdgeServer edge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        edge.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        edge.Dispose();
        return Task.CompletedTask;
    }
}
