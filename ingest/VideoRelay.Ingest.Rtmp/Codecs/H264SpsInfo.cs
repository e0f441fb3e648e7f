namespace VideoRelay.Ingest.Rtmp.Codecs;

/// <summary>What the ingest needs from an H.264 sequence parameter set.</summary>
internal readonly record struct H264SpsInfo(int ProfileIdc, int LevelIdc, int Width, int Height, bool FrameMbsOnly, int ChromaFormatIdc);
