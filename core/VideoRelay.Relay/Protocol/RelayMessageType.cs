namespace VideoRelay.Relay.Protocol;

/// <summary>The first byte of every relay message (see docs/relay-protocol.md).</summary>
public enum RelayMessageType : byte
{
    /// <summary>Both ways, first: magic "VRLY", version, capabilities, node name and the sender's nonce.</summary>
    Hello = 0x01,

    /// <summary>Both ways, second: the HMAC-SHA256 proof over both nonces (client first, then server).</summary>
    Auth = 0x02,

    /// <summary>Edge → origin: subscribe a channel to a stream (all renditions or a list).</summary>
    Subscribe = 0x10,

    /// <summary>Origin → edge: the answer to SUBSCRIBE and every later change: renditions, configs, live state.</summary>
    StreamInfo = 0x11,

    /// <summary>Origin → edge: a track's new codec configuration (sent before the first frame that uses it).</summary>
    Config = 0x12,

    /// <summary>Edge → origin: a viewer asked for a keyframe (PLI/FIR) on a rendition.</summary>
    KeyframeRequest = 0x13,

    /// <summary>Edge → origin: stop a channel.</summary>
    Unsubscribe = 0x14,

    /// <summary>Origin → edge: the publisher is gone; the stream is offline (the channel stays subscribed).</summary>
    StreamEnd = 0x15,

    /// <summary>Origin → edge: one access unit with its timing record.</summary>
    Frame = 0x20,

    /// <summary>Both ways, every second; five seconds of silence means the peer is dead.</summary>
    Heartbeat = 0x30,

    /// <summary>Either way: an error code and text, about one channel (non-zero) or the connection (0).</summary>
    Error = 0x3E,

    /// <summary>Either way: orderly close; the sender closes the socket after it.</summary>
    Close = 0x3F,
}
