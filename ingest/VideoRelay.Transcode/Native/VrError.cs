namespace VideoRelay.Transcode.Native;

/// <summary>The shim's return codes (<c>VR_E*</c> in native/include/vrnative.h).</summary>
public enum VrError
{
    Ok = 0,
    Again = -1,
    InvalidArgument = -2,
    OutOfMemory = -3,
    Decode = -4,
    TooSmall = -5,
    Unsupported = -6,
    Encode = -7,
    Codec = -8,
}
