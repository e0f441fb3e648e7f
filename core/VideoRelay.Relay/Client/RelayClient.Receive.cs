using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Transport;

namespace VideoRelay.Relay.Client;

// The receive side of the client, on the connection thread: control messages and the frame data path.
public sealed partial class RelayClient
{
    private void ReadLoop(RelaySocket socket)
    {
        while (!_stopping)
        {
            RelayMessageHeader header = socket.ReadHeader();
            if (header.Type == RelayMessageType.Frame)
            {
                ReadFrame(socket, header);
                continue;
            }
            ReadOnlySpan<byte> body = socket.ReadControlBody(header);
            switch (header.Type)
            {
                case RelayMessageType.StreamInfo:
                    if (!StreamInfoMessage.TryRead(body, out StreamInfoMessage info, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed STREAM_INFO");
                    }
                    if (_byChannel.TryGetValue(info.Channel, out RelayStreamHandle? described))
                    {
                        bool first = !described.HasInfo;
                        described.ApplyInfo(info);
                        if (first)
                        {
                            Log.ClientSubscribed(_log, described.Name, described.Channel);
                        }
                    }
                    break;
                case RelayMessageType.Config:
                    if (!ConfigMessage.TryRead(body, out ConfigMessage config, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed CONFIG");
                    }
                    if (_byChannel.TryGetValue(config.Channel, out RelayStreamHandle? configured))
                    {
                        configured.ApplyConfig(config.Track, config.Config);
                    }
                    break;
                case RelayMessageType.StreamEnd:
                    if (!ChannelMessage.TryRead(header.Type, body, out ChannelMessage end, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed STREAM_END");
                    }
                    if (_byChannel.TryGetValue(end.Channel, out RelayStreamHandle? ended))
                    {
                        ended.OnStreamEnd();
                    }
                    break;
                case RelayMessageType.Heartbeat:
                    if (!HeartbeatMessage.TryRead(body, out _, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed HEARTBEAT");
                    }
                    foreach (RelayStreamHandle handle in _byChannel.Values)
                    {
                        handle.AdoptPending();
                    }
                    RetirePending();
                    break;
                case RelayMessageType.Error:
                case RelayMessageType.Close:
                    if (!ErrorMessage.TryRead(header.Type, body, out ErrorMessage error, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, $"malformed {header.Type}");
                    }
                    if (header.Type == RelayMessageType.Close || error.Channel == 0)
                    {
                        throw new RelayProtocolException(error.Code, $"origin sent {header.Type}: {error.Code} {error.Text}", fromPeer: true);
                    }
                    Log.ClientOriginError(_log, error.Channel, error.Code.ToString(), error.Text);
                    if (error.Code == RelayErrorCode.NotFound && _byChannel.TryGetValue(error.Channel, out RelayStreamHandle? missing))
                    {
                        missing.OnNotFound();
                    }
                    break;
                default:
                    throw new RelayProtocolException(RelayErrorCode.Protocol, $"unexpected {header.Type} from the origin");
            }
        }
    }

    /// <summary>
    /// The data path: the FRAME header is read into a small fixed buffer, then the payload straight into a pooled
    /// lease of its size (no intermediate copy, nothing allocated), which is published to the local distributors.
    /// </summary>
    internal void ReadFrame(RelaySocket socket, RelayMessageHeader header)
    {
        FrameHeader head = socket.ReadFrameHeader(header, out int length);
        if (!_byChannel.TryGetValue(head.Channel, out RelayStreamHandle? handle) || !handle.Accepts(head.Track, head.Flags))
        {
            socket.Skip(length);
            Interlocked.Increment(ref Counters.FramesDropped);
            return;
        }
        if (!_pool.TryRent(length, out BufferLease lease))
        {
            socket.Skip(length);
            handle.OnLoss(head.Track);
            Interlocked.Increment(ref Counters.PoolMisses);
            Interlocked.Increment(ref Counters.FramesDropped);
            return;
        }
        try
        {
            socket.ReadExactly(lease.Span[..length]);
            lease.SetLength(length);
            var frame = new MediaFrame
            {
                Codec = head.Codec,
                Flags = head.Flags,
                StreamId = (int)head.Channel,
                RenditionId = head.Track == RelayTrack.Audio ? 0 : head.Track,
                Pts = head.Pts,
                Dts = head.Dts,
                Duration = head.Duration,
                Sequence = head.Sequence,
                Lease = lease,
                Offset = 0,
                Length = length,
                Config = handle.ConfigFor(head.Track),
                Timing = head.Timing,
            };
            frame.Timing.StampNow(Hop.EdgeRx);
            long lag = frame.Timing.Between(Hop.RelaySend, Hop.EdgeRx);
            if (lag >= 0)
            {
                Counters.RelayLag.Record(lag);
            }
            Interlocked.Increment(ref Counters.FramesIn);
            Interlocked.Add(ref Counters.BytesIn, length);
            handle.Publish(head.Track, ref frame);
        }
        finally
        {
            lease.Release();
        }
    }
}
