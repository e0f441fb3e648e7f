namespace VideoRelay.Ingest.Srt;

/// <summary>The <c>m</c> key of an SRT access-control stream id.</summary>
public enum SrtStreamMode
{
    /// <summary>The caller wants to receive (the SRT default when <c>m</c> is absent). Not served here.</summary>
    Request,
    /// <summary>The caller sends a stream.</summary>
    Publish,
    /// <summary>Both directions. Not served here.</summary>
    Bidirectional,
}
