namespace VideoRelay.Ingest.MpegTs.Aac;

/// <summary>The ADTS header in front of each AAC frame (ISO/IEC 13818-7, 6.2 / ISO/IEC 14496-3, 1.A.2).</summary>
/// <remarks>
/// <code>
/// AAAAAAAA AAAABCCD EEFFFFGH HHIJKLMM MMMMMMMM MMMOOOOO OOOOOOPP (QQQQQQQQ QQQQQQQQ)
/// A syncword 0xFFF (12)     B MPEG version (1)    C layer = 0 (2)      D protection_absent (1)
/// E profile = object type − 1 (2)                 F sampling_frequency_index (4)
/// G private (1)             H channel_configuration (3)                I,J,K,L original/home/copyright (4)
/// M frame_length incl. header (13)                O buffer fullness (11)
/// P number_of_raw_data_blocks_in_frame − 1 (2)    Q CRC (16) when D = 0
/// </code>
/// </remarks>
internal readonly struct AdtsHeader
{
    public const int MinSize = 7;

    private static readonly int[] s_sampleRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>MPEG-4 audio object type (profile + 1): 2 = AAC-LC.</summary>
    public int ObjectType { get; init; }
    public int SampleRateIndex { get; init; }
    public int ChannelConfiguration { get; init; }

    /// <summary>Whole frame size including the header.</summary>
    public int FrameLength { get; init; }

    /// <summary>Header size: 7, or 9 with a CRC.</summary>
    public int HeaderLength { get; init; }

    public int SampleRate => s_sampleRates[SampleRateIndex];

    public static bool TryRead(ReadOnlySpan<byte> src, out AdtsHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (src.Length < MinSize || src[0] != 0xFF || (src[1] & 0xF6) != 0xF0)
        {
            return false;
        }
        int headerLength = (src[1] & 1) != 0 ? 7 : 9;
        int sampleRateIndex = src[2] >> 2 & 0x0F;
        int channels = (src[2] & 1) << 2 | src[3] >> 6;
        int frameLength = (src[3] & 3) << 11 | src[4] << 3 | src[5] >> 5;
        int rawBlocks = src[6] & 3;
        if (sampleRateIndex >= s_sampleRates.Length || frameLength <= headerLength || rawBlocks != 0 || src.Length < headerLength)
        {
            return false;
        }
        header = new AdtsHeader
        {
            ObjectType = (src[2] >> 6) + 1,
            SampleRateIndex = sampleRateIndex,
            ChannelConfiguration = channels,
            FrameLength = frameLength,
            HeaderLength = headerLength,
        };
        consumed = headerLength;
        return true;
    }

    /// <summary>Writes a 7-byte header (no CRC) for a raw frame of <paramref name="payloadLength"/> bytes (tests, tools).</summary>
    public static bool TryWrite(Span<byte> dst, int objectType, int sampleRateIndex, int channels, int payloadLength, out int written)
    {
        written = 0;
        int frameLength = payloadLength + 7;
        if (dst.Length < 7 || frameLength > 0x1FFF)
        {
            return false;
        }
        dst[0] = 0xFF;
        dst[1] = 0xF1;
        dst[2] = (byte)((objectType - 1) << 6 | sampleRateIndex << 2 | channels >> 2);
        dst[3] = (byte)((channels & 3) << 6 | frameLength >> 11);
        dst[4] = (byte)(frameLength >> 3);
        dst[5] = (byte)((frameLength & 7) << 5 | 0x1F);
        dst[6] = 0xFC;
        written = 7;
        return true;
    }

    /// <summary>Writes the 2-byte AudioSpecificConfig this header implies (ISO/IEC 14496-3, 1.6.2.1).</summary>
    /// <remarks>
    /// <code>
    /// audioObjectType (5) | samplingFrequencyIndex (4) | channelConfiguration (4) | GASpecificConfig: 0 0 0 (3)
    /// </code>
    /// </remarks>
    public bool TryWriteAudioSpecificConfig(Span<byte> dst, out int written)
    {
        written = 0;
        if (dst.Length < 2)
        {
            return false;
        }
        dst[0] = (byte)(ObjectType << 3 | SampleRateIndex >> 1);
        dst[1] = (byte)((SampleRateIndex & 1) << 7 | ChannelConfiguration << 3);
        written = 2;
        return true;
    }
}
