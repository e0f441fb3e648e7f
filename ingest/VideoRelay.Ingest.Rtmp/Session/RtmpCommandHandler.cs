using System.Net;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Ingest.Rtmp.Amf;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Flv;

namespace VideoRelay.Ingest.Rtmp.Session;

/// <summary>
/// The NetConnection / NetStream side of one connection: answers the commands encoders send
/// (connect, releaseStream, FCPublish, createStream, publish, FCUnpublish, deleteStream, closeStream),
/// owns the publish session, and routes data and media messages to it.
/// </summary>
/// <remarks>
/// Every handler takes the message's lease reference and releases it (or hands it on with a frame).
/// A refusal writes the error onStatus first, then throws <see cref="RtmpSessionException"/> so the
/// connection flushes it and closes.
/// </remarks>
internal sealed class RtmpCommandHandler(
    long connectionId,
    EndPoint? remote,
    IPublishAuthority authority,
    TieredBufferPool pool,
    RtmpServerOptions options,
    RtmpServerCounters counters,
    RtmpOutput output,
    ILogger logger) : IDisposable
{
    private const ushort StreamBegin = 0;
    private const ushort StreamEof = 1;
    private const int MaxArguments = 8;

    private readonly object?[] _args = new object?[MaxArguments];
    private IPublishSession? _session;
    private FlvMediaDemuxer? _demuxer;
    private string _streamName = string.Empty;
    private uint _publishStreamId;
    private uint _nextStreamId = 1;
    private bool _connected;
    private int _frameRateMilli;

    /// <summary>True while a publish is live on this connection.</summary>
    public bool IsPublishing => _session is not null;

    public string App { get; private set; } = string.Empty;

    public void OnCommand(RtmpMessage message)
    {
        try
        {
            ReadOnlySpan<byte> body = message.Payload;
            if (message.Type == RtmpMessageType.CommandAmf3 && !body.IsEmpty && body[0] == 0)
            {
                body = body[1..]; // AMF3 command messages start with a format byte, then AMF0 values
            }
            CheckCommandLength(body.Length);
            var reader = new Amf0Reader(body);
            double transactionId = 0;
            if (!reader.TryReadString(out string name) || !reader.TryReadNumber(out transactionId))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "malformed AMF0 command");
            }
            if (!reader.TryReadValue(out object? commandObject))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, $"malformed AMF0 in '{name}'");
            }
            int argCount = 0;
            while (!reader.IsAtEnd && argCount < MaxArguments)
            {
                if (!reader.TryReadValue(out _args[argCount]))
                {
                    RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, $"malformed AMF0 argument in '{name}'");
                }
                argCount++;
            }
            Dispatch(name, transactionId, commandObject, argCount, message.MessageStreamId);
        }
        finally
        {
            message.Release();
            Array.Clear(_args);
        }
    }

    /// <summary>@setDataFrame / onMetaData.</summary>
    public void OnData(RtmpMessage message)
    {
        try
        {
            ReadOnlySpan<byte> body = message.Payload;
            if (message.Type == RtmpMessageType.DataAmf3 && !body.IsEmpty && body[0] == 0)
            {
                body = body[1..];
            }
            CheckCommandLength(body.Length);
            var reader = new Amf0Reader(body);
            if (!reader.TryReadString(out string name))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "malformed AMF0 data message");
            }
            if (name == "@setDataFrame" && !reader.TryReadString(out name))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "malformed @setDataFrame");
            }
            if (name != "onMetaData")
            {
                Log.Ignored(logger, connectionId, $"data message '{name}'");
                return;
            }
            if (!reader.TryReadValue(out object? value))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "malformed onMetaData");
            }
            if (value is Dictionary<string, object?> metadata)
            {
                _frameRateMilli = ReadFrameRateMilli(metadata);
                if (_demuxer is not null)
                {
                    _demuxer.FrameRateMilli = _frameRateMilli;
                }
                _session?.OnMetadata(metadata);
            }
        }
        finally
        {
            message.Release();
        }
    }

    public void OnVideo(RtmpMessage message)
    {
        if (_demuxer is null || message.MessageStreamId != _publishStreamId)
        {
            message.Release();
            return;
        }
        bool accepted;
        try
        {
            accepted = _demuxer.OnVideo(message);
        }
        catch (RtmpSessionException e) when (e.Reason == RtmpCloseReason.UnsupportedCodec)
        {
            WriteStatus(_publishStreamId, "error", "NetStream.Publish.Rejected", e.Message);
            throw;
        }
        if (!accepted)
        {
            WriteStatus(_publishStreamId, "error", "NetStream.Publish.Rejected", FlvMediaDemuxer.BFramesMessage);
            RtmpSessionException.Throw(RtmpCloseReason.BFrames, FlvMediaDemuxer.BFramesMessage);
        }
    }

    public void OnAudio(RtmpMessage message)
    {
        if (_demuxer is null || message.MessageStreamId != _publishStreamId)
        {
            message.Release();
            return;
        }
        _demuxer.OnAudio(message);
    }

    /// <summary>Ends the publish, if any.</summary>
    public void Dispose() => EndPublish();

    private void Dispatch(string name, double transactionId, object? commandObject, int argCount, uint messageStreamId)
    {
        switch (name)
        {
            case "connect":
                OnConnect(transactionId, commandObject as Dictionary<string, object?>);
                break;
            case "releaseStream":
            case "FCPublish":
                RequireConnected(name);
                if (transactionId != 0)
                {
                    WriteSimpleResult(transactionId);
                }
                if (name == "FCPublish")
                {
                    Amf0Writer w = output.BeginCommand();
                    bool ok = w.TryWriteString("onFCPublish") && w.TryWriteNumber(0) && w.TryWriteNull()
                        && w.TryWriteObjectStart() && w.TryWriteProperty("code", "NetStream.Publish.Start")
                        && w.TryWriteProperty("description", argCount > 0 && _args[0] is string s ? s : string.Empty)
                        && w.TryWriteObjectEnd();
                    Finish(ok, RtmpOutput.CommandChunkStream, 0, w);
                }
                break;
            case "createStream":
                RequireConnected(name);
                {
                    uint id = _nextStreamId++;
                    Amf0Writer w = output.BeginCommand();
                    bool ok = w.TryWriteString("_result") && w.TryWriteNumber(transactionId) && w.TryWriteNull() && w.TryWriteNumber(id);
                    Finish(ok, RtmpOutput.CommandChunkStream, 0, w);
                }
                break;
            case "publish":
                RequireConnected(name);
                OnPublish(argCount > 0 ? _args[0] as string : null, messageStreamId);
                break;
            case "FCUnpublish":
            case "deleteStream":
            case "closeStream":
                EndPublish();
                break;
            default:
                Log.Ignored(logger, connectionId, $"command '{name}'");
                break;
        }
    }

    private void OnConnect(double transactionId, Dictionary<string, object?>? commandObject)
    {
        if (_connected)
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "second connect on one connection");
        }
        _connected = true;
        App = GetString(commandObject, "app");
        Log.Connect(logger, connectionId, App, GetString(commandObject, "tcUrl"), GetString(commandObject, "flashVer"));

        output.WriteWindowAckSize((uint)options.WindowAckSize);
        output.WriteSetPeerBandwidth((uint)options.WindowAckSize, 2);
        output.WriteSetChunkSize(options.OutChunkSize);

        Amf0Writer w = output.BeginCommand();
        bool ok = w.TryWriteString("_result") && w.TryWriteNumber(transactionId)
            && w.TryWriteObjectStart() && w.TryWriteProperty("fmsVer", "FMS/3,5,7,7009") && w.TryWriteProperty("capabilities", 31)
            && w.TryWriteProperty("mode", 1) && w.TryWriteObjectEnd()
            && w.TryWriteObjectStart() && w.TryWriteProperty("level", "status")
            && w.TryWriteProperty("code", "NetConnection.Connect.Success")
            && w.TryWriteProperty("description", "Connection succeeded.") && w.TryWriteProperty("objectEncoding", 0)
            && w.TryWriteObjectEnd();
        Finish(ok, RtmpOutput.CommandChunkStream, 0, w);
    }

    private void OnPublish(string? publishName, uint messageStreamId)
    {
        if (_session is not null)
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "publish while already publishing");
        }
        if (publishName is null || !PublishName.TryParse(publishName, out string streamName, out string? key))
        {
            WriteStatus(messageStreamId, "error", "NetStream.Publish.BadName", "Invalid stream name.");
            RtmpSessionException.Throw(RtmpCloseReason.Refused, "publish without a valid stream name");
            return;
        }
        PublishResult result = authority.TryStartPublish(new PublishRequest(streamName, key, "rtmp", remote), out IPublishSession? session);
        if (result != PublishResult.Accepted || session is null)
        {
            session?.Dispose();
            Log.PublishRefused(logger, connectionId, streamName, result);
            string description = result switch
            {
                PublishResult.BadKey => $"Stream key refused for '{streamName}'.",
                PublishResult.AlreadyPublishing => $"'{streamName}' is already being published.",
                _ => $"Publishing '{streamName}' is not allowed.",
            };
            WriteStatus(messageStreamId, "error", "NetStream.Publish.BadName", description);
            RtmpCloseReason reason = result switch
            {
                PublishResult.BadKey => RtmpCloseReason.RefusedKey,
                PublishResult.AlreadyPublishing => RtmpCloseReason.AlreadyPublishing,
                _ => RtmpCloseReason.Refused,
            };
            RtmpSessionException.Throw(reason, $"publish of '{streamName}' refused: {result}");
        }

        _session = session;
        _streamName = streamName;
        _publishStreamId = messageStreamId;
        _demuxer = new FlvMediaDemuxer(session, pool, options, counters, logger, connectionId) { FrameRateMilli = _frameRateMilli };
        counters.OnPublish();
        Log.PublishStarted(logger, connectionId, streamName, session.StreamId);

        output.WriteUserControl(StreamBegin, messageStreamId);
        WriteStatus(messageStreamId, "status", "NetStream.Publish.Start", $"Publishing {streamName}.");
    }

    private void EndPublish()
    {
        if (_session is null)
        {
            return;
        }
        IPublishSession session = _session;
        _session = null;
        _demuxer = null;
        session.Dispose();
        Log.PublishEnded(logger, connectionId, _streamName);
        try
        {
            output.WriteUserControl(StreamEof, _publishStreamId);
        }
        catch (InvalidOperationException)
        {
            // Output full while closing: nothing more to tell the client.
        }
    }

    private void WriteStatus(uint messageStreamId, string level, string code, string description)
    {
        Amf0Writer w = output.BeginCommand();
        bool ok = w.TryWriteString("onStatus") && w.TryWriteNumber(0) && w.TryWriteNull()
            && w.TryWriteObjectStart() && w.TryWriteProperty("level", level) && w.TryWriteProperty("code", code)
            && w.TryWriteProperty("description", description) && w.TryWriteObjectEnd();
        Finish(ok, RtmpOutput.StatusChunkStream, messageStreamId, w);
    }

    private void WriteSimpleResult(double transactionId)
    {
        Amf0Writer w = output.BeginCommand();
        bool ok = w.TryWriteString("_result") && w.TryWriteNumber(transactionId) && w.TryWriteNull() && w.TryWriteUndefined();
        Finish(ok, RtmpOutput.CommandChunkStream, 0, w);
    }

    private void Finish(bool ok, int chunkStreamId, uint messageStreamId, in Amf0Writer w)
    {
        if (!ok)
        {
            throw new InvalidOperationException("RTMP reply does not fit the command buffer");
        }
        output.WriteCommand(chunkStreamId, messageStreamId, w);
    }

    private void RequireConnected(string command)
    {
        if (!_connected)
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, $"'{command}' before connect");
        }
    }

    private void CheckCommandLength(int length)
    {
        if (length > options.MaxCommandLength)
        {
            RtmpSessionException.Throw(RtmpCloseReason.Oversize, $"AMF message of {length} bytes exceeds {options.MaxCommandLength}");
        }
    }

    private static string GetString(Dictionary<string, object?>? obj, string key) =>
        obj is not null && obj.TryGetValue(key, out object? value) && value is string s ? s : string.Empty;

    private static int ReadFrameRateMilli(Dictionary<string, object?> metadata)
    {
        foreach (string key in (ReadOnlySpan<string>)["framerate", "videoframerate"])
        {
            if (metadata.TryGetValue(key, out object? value) && value is double fps && fps > 0 && fps < 1000)
            {
                return (int)Math.Round(fps * 1000);
            }
        }
        return 0;
    }
}
