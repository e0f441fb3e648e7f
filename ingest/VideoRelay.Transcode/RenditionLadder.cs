namespace VideoRelay.Transcode;

/// <summary>Turns the configured rungs into output sizes for a given source.</summary>
public static class RenditionLadder
{
    /// <summary>
    /// The rungs that apply to a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> source, in
    /// configured order: rungs taller than the source are skipped (never upscale), widths keep the aspect
    /// ratio rounded to an even number, heights are made even.
    /// </summary>
    public static List<(RenditionSpec Spec, int Width, int Height)> Plan(IReadOnlyList<RenditionSpec> specs, int sourceWidth, int sourceHeight)
    {
        List<(RenditionSpec, int, int)> plan = [];
        if (sourceWidth <= 0 || sourceHeight <= 0)
        {
            return plan;
        }
        foreach (RenditionSpec spec in specs)
        {
            if (spec.Height > sourceHeight || spec.Height < 16)
            {
                continue;
            }
            int height = spec.Height & ~1;
            int width = (int)Math.Round((double)sourceWidth * height / sourceHeight / 2.0) * 2;
            plan.Add((spec, Math.Max(width, 16), height));
        }
        return plan;
    }
}
