namespace VideoRelay.Transcode.Tests;

public sealed class RenditionLadderTests
{
    [Fact]
    public void Default_ladder_for_1080p_keeps_aspect_with_even_widths()
    {
        var plan = RenditionLadder.Plan(TranscoderOptions.DefaultLadder, 1920, 1080);
        Assert.Equal([("720p", 1280, 720), ("480p", 854, 480), ("360p", 640, 360)], plan.Select(p => (p.Spec.Name, p.Width, p.Height)));
    }

    [Fact]
    public void Rungs_taller_than_the_source_are_skipped()
    {
        var plan = RenditionLadder.Plan(TranscoderOptions.DefaultLadder, 854, 480);
        Assert.Equal([("480p", 854, 480), ("360p", 640, 360)], plan.Select(p => (p.Spec.Name, p.Width, p.Height)));
        Assert.Empty(RenditionLadder.Plan(TranscoderOptions.DefaultLadder, 320, 240));
    }

    [Fact]
    public void Four_by_three_source()
    {
        var plan = RenditionLadder.Plan([new RenditionSpec("a", 480, 1), new RenditionSpec("b", 241, 1)], 1024, 768);
        Assert.Equal([(640, 480), (320, 240)], plan.Select(p => (p.Width, p.Height)));
    }
}
