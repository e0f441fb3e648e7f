namespace VideoRelay.Ingest.Rtmp.Amf;

/// <summary>
/// An AMF0 ECMA array (associative array, marker 0x08): decoded as a dictionary of its own type so that
/// a round trip writes it back as an ECMA array rather than as an anonymous object (marker 0x03).
/// </summary>
internal sealed class Amf0EcmaArray : Dictionary<string, object?>
{
    public Amf0EcmaArray()
        : base(StringComparer.Ordinal)
    {
    }

    public Amf0EcmaArray(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }
}
