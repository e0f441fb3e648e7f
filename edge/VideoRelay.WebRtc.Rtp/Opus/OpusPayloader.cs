namespace VideoRelay.WebRtc.Rtp.Opus;

/// <summary>
/// RFC 7587 Opus payload format: exactly one Opus packet per RTP packet, RTP clock 48 kHz whatever the
/// coded bandwidth, marker normally clear (set only on the first packet after a DTX talkspurt).
/// </summary>
public static class OpusPayloader
{
    /// <summary>RTP clock rate of Opus (RFC 7587 §4.1).</summary>
    public const int ClockRate = 48_000;

    /// <summary>Writes one Opus packet as an RTP payload. False when it is empty or does not fit.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> opusPacket, Span<byte> dst, out int written)
    {
        if (opusPacket.IsEmpty || !opusPacket.TryCopyTo(dst))
        {
            written = 0;
            return false;
        }
        written = opusPacket.Length;
        return true;
    }

    /// <summary>Converts a 90 kHz media timestamp (the frame model's clock) to the 48 kHz RTP clock.</summary>
    public static uint RtpTimestampFrom90kHz(long pts90k) => (uint)(pts90k * 8 / 15);

    /// <summary>
    /// Duration of an Opus packet in 48 kHz samples from its TOC byte and frame count (RFC 6716 §3.1);
    /// false when the packet is empty or its frame-count byte is missing.
    /// </summary>
    public static bool TryGetDuration(ReadOnlySpan<byte> opusPacket, out int samples48k)
    {
        samples48k = 0;
        if (opusPacket.IsEmpty)
        {
            return false;
        }
        byte toc = opusPacket[0];
        int config = toc >> 3;
        int frameSamples = config switch
        {
            < 12 => (config & 3) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 }, // SILK 10/20/40/60 ms
            < 16 => (config & 1) == 0 ? 480 : 960,                                      // Hybrid 10/20 ms
            _ => (config & 3) switch { 0 => 120, 1 => 240, 2 => 480, _ => 960 },       // CELT 2.5/5/10/20 ms
        };
        int frames;
        switch (toc & 3)
        {
            case 0:
                frames = 1;
                break;
            case 1:
            case 2:
                frames = 2;
                break;
            default:
                if (opusPacket.Length < 2)
                {
                    return false;
                }
                frames = opusPacket[1] & 0x3F;
                break;
        }
        samples48k = frameSamples * frames;
        return samples48k <= 5760; // 120 ms is the largest legal packet
    }
}
