using VideoRelay.Core.Media;
using VideoRelay.Transcode.Codecs;

namespace VideoRelay.Transcode.Tests;

[Trait("Category", "EndToEnd")]
public sealed class AudioTranscodeTests
{
    /// <summary>Raw AAC frames and the AudioSpecificConfig rebuilt from ADTS headers (ISO 14496-3 §1.A.2).</summary>
    private static (List<byte[]> Frames, byte[] Asc, int SampleRate) ParseAdts(byte[] adts)
    {
        int[] rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
        List<byte[]> frames = [];
        byte[]? asc = null;
        int rate = 0;
        int pos = 0;
        while (pos + 7 <= adts.Length)
        {
            Assert.Equal(0xFFF, (adts[pos] << 4) | (adts[pos + 1] >> 4));
            bool noCrc = (adts[pos + 1] & 1) == 1;
            int profile = (adts[pos + 2] >> 6) + 1;
            int rateIndex = (adts[pos + 2] >> 2) & 0xf;
            int channels = ((adts[pos + 2] & 1) << 2) | (adts[pos + 3] >> 6);
            int length = ((adts[pos + 3] & 3) << 11) | (adts[pos + 4] << 3) | (adts[pos + 5] >> 5);
            int header = noCrc ? 7 : 9;
            Assert.InRange(length, header + 1, adts.Length - pos);
            asc ??= [(byte)((profile << 3) | (rateIndex >> 1)), (byte)(((rateIndex & 1) << 7) | (channels << 3))];
            rate = rates[rateIndex];
            frames.Add(adts[(pos + header)..(pos + length)]);
            pos += length;
        }
        return (frames, asc!, rate);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Aac_becomes_continuous_20ms_opus(int sampleRate)
    {
        byte[] adts = TestMedia.RunFfmpeg($"-f lavfi -i sine=frequency=440:sample_rate={sampleRate} -ac 2 -t 1 -c:a aac -b:a 128k -f adts", "a.aac");
        var (aac, asc, rate) = ParseAdts(adts);
        Assert.Equal(sampleRate, rate);
        CodecConfig config = new() { Codec = CodecId.Aac, AudioSpecificConfig = asc, SampleRate = rate, Channels = 2 };
        RecordingOutput output = new();
        using (var pool = TestMedia.CreatePool())
        using (Transcoder transcoder = new(new TranscoderOptions(), pool, output))
        {
            transcoder.SetAudioConfig(config);
            for (int i = 0; i < aac.Count; i++)
            {
                long pts = 90_000L + i * 1024L * 90_000 / rate;
                MediaFrame frame = TestMedia.Frame(pool, CodecId.Aac, aac[i], pts, config, false, duration: 1024 * 90_000 / rate);
                Assert.True(transcoder.TrySubmitAudio(frame));
                frame.Release();
            }
            Assert.Equal(0, transcoder.AudioDecodeErrors);
        }
        CodecConfig opus = Assert.Single(output.AudioConfigs);
        Assert.Equal((CodecId.Opus, 48000, 2), (opus.Codec, opus.SampleRate, opus.Channels));

        using OpusDecoder decoder = new(2);
        short[] pcm = new short[OpusDecoder.MaxFrameSamples * 2];
        long totalSamples = 0;
        for (int i = 0; i < output.Audio.Count; i++)
        {
            var (frame, payload) = output.Audio[i];
            Assert.Equal(CodecId.Opus, frame.Codec);
            Assert.Equal(90_000L + i * 1800L, frame.Pts); // continuous, 20 ms apart
            Assert.Equal(1800, frame.Duration);
            Assert.Equal(0, decoder.Decode(payload, pcm, out int samples));
            Assert.Equal(960, samples);
            totalSamples += samples;
        }
        double inputMs = aac.Count * 1024 * 1000.0 / rate;
        double outputMs = totalSamples / 48.0;
        Assert.InRange(outputMs, inputMs - 45, inputMs + 1);
    }
}
