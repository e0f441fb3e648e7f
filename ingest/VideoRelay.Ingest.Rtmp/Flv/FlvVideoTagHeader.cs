namespace VideoRelay.Ingest.Rtmp.Flv;

/// <summary>
/// The header of an RTMP video message = an FLV VIDEODATA tag body (FLV specification 10.1, E.4.3.1),
/// with the Enhanced RTMP extension recognised (so it can be refused clearly).
/// </summary>
/// <remarks>
/// <code>
///  0 1 2 3 4 5 6 7   legacy:            byte 1          bytes 2-4 (AVC only)
/// +-------+-------+  +---------------+ +---------------+-----------------------+
/// | frame | codec |  | AVCPacketType | | CompositionTime SI24 (ms, signed)     |
/// | type  |  id   |  +---------------+ +---------------------------------------+
/// +-------+-------+  frame type: 1 key, 2 inter, 3 disposable, 4 generated key, 5 info/command
///                    codec id 7 = AVC; AVCPacketType 0 = sequence header, 1 = NALUs, 2 = end of sequence
/// enhanced (bit 7 set): |1| frame type (3) | packet type (4) | FourCC (4 bytes: 'hvc1', 'av01', 'vp09' …)
/// </code>
/// </remarks>
internal readonly record struct FlvVideoTagHeader(
    int FrameType,
    int CodecId,
    bool IsEnhanced,
    uint FourCc,
    int AvcPacketType,
    int CompositionTimeMs)
{
    public const int CodecAvc = 7;
    public const int AvcSequenceHeader = 0;
    public const int AvcNalu = 1;
    public const int AvcEndOfSequence = 2;
    public const int FrameTypeKey = 1;
    public const int FrameTypeCommand = 5;

    public bool IsKeyframe => FrameType is 1 or 4;

    /// <summary>The FourCC as text (for logs), e.g. "hvc1".</summary>
    public string FourCcText => new([(char)(FourCc >> 24), (char)(FourCc >> 16 & 0xFF), (char)(FourCc >> 8 & 0xFF), (char)(FourCc & 0xFF)]);

    public static bool TryRead(ReadOnlySpan<byte> src, out FlvVideoTagHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (src.IsEmpty)
        {
            return false;
        }
        byte b0 = src[0];
        if ((b0 & 0x80) != 0)
        {
            if (src.Length < 5)
            {
                return false;
            }
            uint fourCc = (uint)(src[1] << 24 | src[2] << 16 | src[3] << 8 | src[4]);
            header = new FlvVideoTagHeader((b0 >> 4) & 0x07, 0, true, fourCc, b0 & 0x0F, 0);
            consumed = 5;
            return true;
        }
        int frameType = b0 >> 4;
        int codecId = b0 & 0x0F;
        if (codecId != CodecAvc || frameType == FrameTypeCommand)
        {
            header = new FlvVideoTagHeader(frameType, codecId, false, 0, 0, 0);
            consumed = 1;
            return true;
        }
        if (src.Length < 5)
        {
            return false;
        }
        int cts = src[2] << 16 | src[3] << 8 | src[4];
        cts = (cts << 8) >> 8; // sign-extend SI24
        header = new FlvVideoTagHeader(frameType, codecId, false, 0, src[1], cts);
        consumed = 5;
        return true;
    }
}
