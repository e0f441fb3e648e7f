namespace VideoRelay.Ingest.MpegTs.H264;

/// <summary>nal_unit_type values used here (ITU-T H.264, table 7-1).</summary>
internal static class NalUnitType
{
    public const int NonIdrSlice = 1;
    public const int IdrSlice = 5;
    public const int Sei = 6;
    public const int Sps = 7;
    public const int Pps = 8;
    public const int AccessUnitDelimiter = 9;
    public const int FillerData = 12;
}
