namespace VideoRelay.Ingest.Rtmp;

/// <summary>Why the server ended an RTMP connection (one counter each in <see cref="RtmpServerCounters"/>).</summary>
public enum RtmpCloseReason
{
    /// <summary>The publisher finished (deleteStream / socket closed between messages).</summary>
    Normal = 0,
    /// <summary>C0/C1 invalid (unknown version, encrypted RTMPE) or the peer closed during the handshake.</summary>
    BadHandshake,
    /// <summary>Malformed chunk stream, AMF or FLV data; a command out of order.</summary>
    ProtocolError,
    /// <summary>A chunk size or message length over the configured bounds.</summary>
    Oversize,
    /// <summary>Handshake or idle timeout.</summary>
    Timeout,
    /// <summary>The publish key was refused (NetStream.Publish.BadName).</summary>
    RefusedKey,
    /// <summary>Another publisher holds the stream (NetStream.Publish.BadName).</summary>
    AlreadyPublishing,
    /// <summary>The authority refused the publish for another reason.</summary>
    Refused,
    /// <summary>Enhanced RTMP (HEVC, AV1, VP9) or another video codec than H.264.</summary>
    UnsupportedCodec,
    /// <summary>B-frames while <see cref="RtmpServerOptions.RefuseBFrames"/> is set.</summary>
    BFrames,
    /// <summary>No pooled buffer was free for a message.</summary>
    PoolExhausted,
    /// <summary><see cref="RtmpServerOptions.MaxConnections"/> reached.</summary>
    ServerFull,
    /// <summary>The server is stopping.</summary>
    ServerStopping,
    /// <summary>The peer vanished mid-message (truncated stream) or a socket error.</summary>
    ConnectionLost,
}
