namespace VideoRelay.Ingest.Rtmp.Amf;

/// <summary>The AMF0 <c>undefined</c> value (distinct from <c>null</c>, which decodes to a C# null).</summary>
internal sealed class Amf0Undefined
{
    public static readonly Amf0Undefined Value = new();

    private Amf0Undefined()
    {
    }

    public override string ToString() => "undefined";
}
