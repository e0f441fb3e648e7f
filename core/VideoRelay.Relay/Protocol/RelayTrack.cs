namespace VideoRelay.Relay.Protocol;

/// <summary>Track numbers on the wire: a rendition id 0–7, or <see cref="Audio"/>.</summary>
public static class RelayTrack
{
    /// <summary>The reserved track id of a stream's (Opus) audio.</summary>
    public const byte Audio = 255;

    /// <summary>Rendition ids run from 0 to MaxRenditions − 1.</summary>
    public const int MaxRenditions = 8;

    public static bool IsValid(byte track) => track < MaxRenditions || track == Audio;
}
