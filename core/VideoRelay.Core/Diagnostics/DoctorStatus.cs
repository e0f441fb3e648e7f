namespace VideoRelay.Core.Diagnostics;

/// <summary>Verdict of one host check.</summary>
public enum DoctorStatus : byte
{
    /// <summary>Set up the way low latency wants it.</summary>
    Ok = 0,

    /// <summary>Costs latency or jitter; the advice says what to change.</summary>
    Warn = 1,

    /// <summary>Not applicable or not decidable here (a VM, a single host), or a summary to read.</summary>
    Info = 2,
}
