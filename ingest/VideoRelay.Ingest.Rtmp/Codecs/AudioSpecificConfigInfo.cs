namespace VideoRelay.Ingest.Rtmp.Codecs;

/// <summary>
/// The fields of an AAC AudioSpecificConfig (ISO/IEC 14496-3 section 1.6.2.1) the pipeline needs.
/// </summary>
/// <remarks>
/// <code>
/// audioObjectType (5; 31 → 6 more bits + 32) | samplingFrequencyIndex (4; 15 → 24-bit explicit rate)
/// | channelConfiguration (4) | …
/// </code>
/// </remarks>
internal readonly record struct AudioSpecificConfigInfo(int ObjectType, int SampleRate, int Channels)
{
    private static ReadOnlySpan<int> SampleRates =>
        [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    public static bool TryRead(ReadOnlySpan<byte> src, out AudioSpecificConfigInfo info)
    {
        info = default;
        if (src.Length < 2)
        {
            return false;
        }
        var r = new Bits(src);
        int objectType = (int)r.Read(5);
        if (objectType == 31)
        {
            objectType = 32 + (int)r.Read(6);
        }
        int index = (int)r.Read(4);
        int rate;
        if (index == 15)
        {
            rate = (int)r.Read(24);
        }
        else if (index < SampleRates.Length)
        {
            rate = SampleRates[index];
        }
        else
        {
            return false;
        }
        int channelConfig = (int)r.Read(4);
        if (r.Overrun || objectType == 0 || rate == 0)
        {
            return false;
        }
        // channelConfiguration 0 means "given in a program config element": report 2, the common case.
        int channels = channelConfig switch { 0 => 2, 7 => 8, >= 8 => 0, _ => channelConfig };
        if (channels == 0)
        {
            return false;
        }
        info = new AudioSpecificConfigInfo(objectType, rate, channels);
        return true;
    }

    private ref struct Bits(ReadOnlySpan<byte> src)
    {
        private readonly ReadOnlySpan<byte> _src = src;
        private int _bit;

        public bool Overrun { get; private set; }

        public uint Read(int count)
        {
            uint value = 0;
            for (int i = 0; i < count; i++, _bit++)
            {
                if (_bit >> 3 >= _src.Length)
                {
                    Overrun = true;
                    return 0;
                }
                value = value << 1 | (uint)(_src[_bit >> 3] >> (7 - (_bit & 7)) & 1);
            }
            return value;
        }
    }
}
