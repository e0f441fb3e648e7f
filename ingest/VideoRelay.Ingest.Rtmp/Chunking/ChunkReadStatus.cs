namespace VideoRelay.Ingest.Rtmp.Chunking;

internal enum ChunkReadStatus
{
    /// <summary>All complete chunks in the input were consumed; feed more bytes.</summary>
    NeedMoreData,
    /// <summary>A whole message is ready.</summary>
    Message,
    /// <summary>The stream is broken; see <see cref="ChunkReader.ErrorReason"/> and <see cref="ChunkReader.Error"/>.</summary>
    Error,
}
