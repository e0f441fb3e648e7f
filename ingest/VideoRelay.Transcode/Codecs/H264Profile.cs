namespace VideoRelay.Transcode.Codecs;

/// <summary>H.264 profiles the encoder offers (values match <c>VR_PROFILE_*</c>).</summary>
public enum H264Profile
{
    ConstrainedBaseline = 0,
    Main = 1,
    High = 2,
}
