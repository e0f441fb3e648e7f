namespace VideoRelay.Core.Diagnostics;

/// <summary>One finding of <see cref="HostDoctor"/>.</summary>
/// <param name="Name">Stable id, e.g. "cpu-governor" (docs/HOST-TUNING.md has a section per id).</param>
/// <param name="Finding">What was found on this host.</param>
/// <param name="Advice">What to change (or why nothing needs to).</param>
public sealed record DoctorCheck(string Name, DoctorStatus Status, string Finding, string Advice)
{
    public override string ToString() => $"[{Status}] {Name}: {Finding} — {Advice}";
}
