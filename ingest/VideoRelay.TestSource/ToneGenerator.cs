namespace VideoRelay.TestSource;

/// <summary>
/// 48 kHz stereo signed 16-bit PCM in 20 ms chunks: a quiet continuous 440 Hz tone, with a louder 880 Hz beep during
/// the first 100 ms of every second (of the chunk stream, so beeps line up with the video's whole seconds when
/// both start together). No allocation per chunk.
/// </summary>
public sealed class ToneGenerator
{
    public const int SampleRate = 48_000;
    public const int Channels = 2;
    public const int SamplesPerChunk = SampleRate / 50; // 20 ms
    /// <summary>Interleaved <c>short</c>s in one chunk.</summary>
    public const int ChunkLength = SamplesPerChunk * Channels;

    private const double ToneHz = 440, BeepHz = 880;
    private const double ToneAmplitude = 0.2 * short.MaxValue, BeepAmplitude = 0.5 * short.MaxValue;
    private const int BeepSamples = SampleRate / 10;

    private long _sample;
    private double _tonePhase, _beepPhase;

    /// <summary>Samples (per channel) produced so far.</summary>
    public long Position => _sample;

    /// <summary>Writes the next 20 ms (960 frames × 2 channels, interleaved) into <paramref name="interleaved"/>.</summary>
    public void NextChunk(Span<short> interleaved)
    {
        if (interleaved.Length < ChunkLength)
            throw new ArgumentException($"need {ChunkLength} samples", nameof(interleaved));
        const double toneStep = 2 * Math.PI * ToneHz / SampleRate, beepStep = 2 * Math.PI * BeepHz / SampleRate;
        for (int i = 0; i < SamplesPerChunk; i++)
        {
            double s = ToneAmplitude * Math.Sin(_tonePhase);
            if (_sample % SampleRate < BeepSamples)
                s += BeepAmplitude * Math.Sin(_beepPhase);
            short value = (short)Math.Clamp(Math.Round(s), short.MinValue, short.MaxValue);
            interleaved[2 * i] = value;
            interleaved[2 * i + 1] = value;
            _tonePhase += toneStep;
            _beepPhase += beepStep;
            if (_tonePhase > 2 * Math.PI) _tonePhase -= 2 * Math.PI;
            if (_beepPhase > 2 * Math.PI) _beepPhase -= 2 * Math.PI;
            _sample++;
        }
    }

    /// <summary>The same chunk as bytes (little-endian s16, as ffmpeg's <c>-f s16le</c> reads it).</summary>
    public void NextChunk(Span<byte> interleavedS16Le) =>
        NextChunk(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(interleavedS16Le));
}
