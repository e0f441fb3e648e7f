namespace VideoRelay.WebRtc.Rtp.H264;

/// <summary>NAL unit types (H.264 Table 7-1) and the RTP aggregation/fragmentation types of RFC 6184 §5.2.</summary>
public static class H264NalType
{
    public const int NonIdrSlice = 1;
    public const int IdrSlice = 5;
    public const int Sei = 6;
    public const int Sps = 7;
    public const int Pps = 8;
    public const int AccessUnitDelimiter = 9;
    public const int StapA = 24;
    public const int StapB = 25;
    public const int Mtap16 = 26;
    public const int Mtap24 = 27;
    public const int FuA = 28;
    public const int FuB = 29;

    /// <summary>The nal_unit_type of a NAL header byte.</summary>
    public static int Of(byte nalHeader) => nalHeader & 0x1F;
}
