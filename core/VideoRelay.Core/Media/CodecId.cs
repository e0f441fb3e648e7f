namespace VideoRelay.Core.Media;

/// <summary>Codecs that travel through the pipeline.</summary>
public enum CodecId : byte
{
    None = 0,
    /// <summary>H.264; payload is NAL units each prefixed by a 4-byte big-endian length (AVCC form).</summary>
    H264 = 1,
    /// <summary>AAC; payload is one raw access unit (no ADTS header).</summary>
    Aac = 2,
    /// <summary>Opus; payload is one Opus packet (20 ms by default).</summary>
    Opus = 3,
}
