namespace VideoRelay.Ingest.Rtmp.Amf;

/// <summary>Bounds applied while decoding AMF0 from the network.</summary>
/// <param name="MaxDepth">Deepest nesting of objects/arrays accepted.</param>
/// <param name="MaxValues">Most values (of any kind, nested included) decoded from one buffer.</param>
/// <param name="MaxStringLength">Longest string (UTF-8 bytes) accepted, short or long form.</param>
internal readonly record struct Amf0Limits(int MaxDepth, int MaxValues, int MaxStringLength)
{
    /// <summary>Generous for commands and onMetaData, small enough that hostile input cannot hurt.</summary>
    public static Amf0Limits Default => new(MaxDepth: 16, MaxValues: 4096, MaxStringLength: 64 * 1024);
}
