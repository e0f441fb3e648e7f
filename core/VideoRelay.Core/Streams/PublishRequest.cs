using System.Net;

namespace VideoRelay.Core.Streams;

/// <summary>A publisher asking to publish a stream (from RTMP's publish command or SRT's stream id).</summary>
/// <param name="StreamName">The stream's name, e.g. <c>demo</c> from <c>rtmp://host/live/demo</c>.</param>
/// <param name="Key">The publish key given with it (<c>?key=…</c>), or null.</param>
/// <param name="Protocol">"rtmp", "srt", "internal".</param>
/// <param name="Remote">The publisher's address.</param>
public sealed record PublishRequest(string StreamName, string? Key, string Protocol, EndPoint? Remote);
