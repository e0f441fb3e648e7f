namespace VideoRelay.Node;

/// <summary>What a player posts to /api/beacon every few seconds.</summary>
internal sealed class BeaconRequest
{
    public string? Stream { get; set; }
    public string? Rendition { get; set; }
    public List<BeaconSample>? Samples { get; set; }
}

internal sealed class BeaconSample
{
    public double CaptureUnixMs { get; set; }
    public double PresentedUnixMs { get; set; }
}
