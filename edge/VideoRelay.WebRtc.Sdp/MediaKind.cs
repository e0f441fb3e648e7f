namespace VideoRelay.WebRtc.Sdp;

/// <summary>The media type of a section, as far as the edge cares.</summary>
public enum MediaKind : byte
{
    /// <summary>m=audio.</summary>
    Audio,

    /// <summary>m=video.</summary>
    Video,

    /// <summary>m=application (data channels).</summary>
    Application,

    /// <summary>Anything else.</summary>
    Other,
}
