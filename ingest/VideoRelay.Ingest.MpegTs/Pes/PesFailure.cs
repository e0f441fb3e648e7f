namespace VideoRelay.Ingest.MpegTs.Pes;

/// <summary>Why a PES payload could not be turned into frames.</summary>
internal enum PesFailure
{
    None,
    /// <summary>Nothing usable in the payload.</summary>
    Empty,
    /// <summary>Bigger than the configured PES bound.</summary>
    TooLarge,
    /// <summary>The buffer pool had no block to give.</summary>
    PoolExhausted,
}
