using System.Net;

namespace VideoRelay.Ingest.Rtmp;

/// <summary>Settings of an <see cref="RtmpServer"/>. Every bound applies per connection.</summary>
public sealed class RtmpServerOptions
{
    /// <summary>Where to listen; port 0 picks a free port (read it back from <see cref="RtmpServer.LocalEndPoint"/>).</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Any, 1935);

    /// <summary>Connections served at once; further ones are closed at accept (counted as ServerFull).</summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>Largest Set Chunk Size accepted from a publisher (OBS and ffmpeg use 4096).</summary>
    public int MaxChunkSize { get; set; } = 64 * 1024;

    /// <summary>Largest message accepted (a video frame is one message).</summary>
    public int MaxMessageLength { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest command / data message (AMF) accepted.</summary>
    public int MaxCommandLength { get; set; } = 64 * 1024;

    /// <summary>Time allowed from accept to the end of the handshake.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed without a single byte from the publisher.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Window Acknowledgement Size and Set Peer Bandwidth sent to clients after connect.</summary>
    public int WindowAckSize { get; set; } = 2_500_000;

    /// <summary>Chunk size the server uses for what it sends (announced with Set Chunk Size).</summary>
    public int OutChunkSize { get; set; } = 4096;

    /// <summary>
    /// Refuse publishers whose H.264 has B-frames (composition time ≠ 0): WebRTC passthrough cannot carry them.
    /// </summary>
    public bool RefuseBFrames { get; set; } = true;

    /// <summary>Ask the kernel for receive timestamps (SO_TIMESTAMPING) on each connection; frames then carry Hop.IngestKernelRx.</summary>
    public bool KernelTimestamps { get; set; } = true;

    /// <summary>
    /// After refusing a publish (bad key, B-frames…) the connection stays open this long, discarding input, so the
    /// encoder reads the error status before the close.
    /// </summary>
    public TimeSpan RefusalGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Socket receive buffer per connection, rented from the pool.</summary>
    public int ReceiveBufferSize { get; set; } = 64 * 1024;

    /// <summary>Test hook: answer every client with the plain handshake (S2 = echo of C1), even digest clients.</summary>
    internal bool ForcePlainHandshake { get; set; }

    /// <summary>Clock for the timeouts (tests may substitute one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
