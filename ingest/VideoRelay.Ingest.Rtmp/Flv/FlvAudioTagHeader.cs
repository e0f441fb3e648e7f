namespace VideoRelay.Ingest.Rtmp.Flv;

/// <summary>The header of an RTMP audio message = an FLV AUDIODATA tag body (FLV specification 10.1, E.4.2.1).</summary>
/// <remarks>
/// <code>
///  0 1 2 3 4 5 6 7     byte 1 (AAC only)
/// +-------+---+-+-+   +---------------+
/// | sound |rat|s|t|   | AACPacketType |  0 = AudioSpecificConfig, 1 = raw AAC frame
/// |format | e |z|y|   +---------------+
/// +-------+---+-+-+   sound format 10 = AAC, 2 = MP3, 9 = Enhanced audio (ExHeader), …
/// </code>
/// </remarks>
internal readonly record struct FlvAudioTagHeader(int SoundFormat, int AacPacketType)
{
    public const int FormatAac = 10;
    public const int AacSequenceHeader = 0;
    public const int AacRaw = 1;

    public static bool TryRead(ReadOnlySpan<byte> src, out FlvAudioTagHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (src.IsEmpty)
        {
            return false;
        }
        int format = src[0] >> 4;
        if (format != FormatAac)
        {
            header = new FlvAudioTagHeader(format, 0);
            consumed = 1;
            return true;
        }
        if (src.Length < 2)
        {
            return false;
        }
        header = new FlvAudioTagHeader(format, src[1]);
        consumed = 2;
        return true;
    }
}
