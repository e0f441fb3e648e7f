using System.Net;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.Srt;

/// <summary>A publisher admitted by the listen callback, waiting for its handshake to finish and srt_accept to return it.</summary>
internal sealed record PendingPublish(IPublishSession Session, string Stream, IPEndPoint? Remote, long AdmittedTicks);
