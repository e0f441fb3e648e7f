using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Codecs;
using VideoRelay.Ingest.Rtmp.Session;

namespace VideoRelay.Ingest.Rtmp.Flv;

/// <summary>
/// Turns RTMP audio/video messages (FLV tag bodies) into <see cref="MediaFrame"/>s for one publish session:
/// AVC sequence header → SPS/PPS config, AVC NALUs → AVCC frames with 4-byte lengths (zero-copy when the
/// stream already uses 4), AAC sequence header → AudioSpecificConfig, raw AAC → frames (zero-copy).
/// </summary>
/// <remarks>
/// Ownership: every method takes the message's lease reference; it either passes it to
/// <see cref="IPublishSession.OnFrame"/> or releases it, also when it throws.
/// Sequence numbers count per track (video and audio separately), so a gap reveals a drop in that track.
/// </remarks>
internal sealed class FlvMediaDemuxer(
    IPublishSession session,
    TieredBufferPool pool,
    RtmpServerOptions options,
    RtmpServerCounters counters,
    ILogger logger,
    long connectionId)
{
    public const string BFramesMessage = "B-frames are not supported for WebRTC passthrough: set bframes=0 (x264 tune=zerolatency)";

    private readonly IPublishSession _session = session;
    private CodecConfig? _video;
    private CodecConfig? _audio;
    private int _nalLengthSize = 4;
    private bool _videoConfigChanged;
    private bool _audioConfigChanged;
    private bool _audioWarned;
    private long _videoSequence;
    private long _audioSequence;
    private TimestampUnwrapper _videoClock;
    private TimestampUnwrapper _audioClock;

    /// <summary>Frame rate × 1000 from onMetaData, used in the next video config.</summary>
    public int FrameRateMilli { get; set; }

    public CodecConfig? VideoConfig => _video;
    public CodecConfig? AudioConfig => _audio;

    /// <summary>Handles a video message. Returns false when B-frames were seen and are refused (the lease is released).</summary>
    public bool OnVideo(RtmpMessage message)
    {
        bool handedOff = false;
        try
        {
            ReadOnlySpan<byte> body = message.Payload;
            if (!FlvVideoTagHeader.TryRead(body, out FlvVideoTagHeader header, out int consumed))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, $"truncated video tag ({body.Length} bytes)");
            }
            if (header.IsEnhanced)
            {
                RtmpSessionException.Throw(RtmpCloseReason.UnsupportedCodec,
                    $"Enhanced RTMP video '{header.FourCcText}' is not supported: publish H.264 (AVC)");
            }
            if (header.FrameType == FlvVideoTagHeader.FrameTypeCommand)
            {
                return true;
            }
            if (header.CodecId != FlvVideoTagHeader.CodecAvc)
            {
                RtmpSessionException.Throw(RtmpCloseReason.UnsupportedCodec,
                    $"FLV video codec id {header.CodecId} is not supported: publish H.264 (AVC)");
            }
            switch (header.AvcPacketType)
            {
                case FlvVideoTagHeader.AvcSequenceHeader:
                    OnAvcSequenceHeader(body[consumed..]);
                    return true;
                case FlvVideoTagHeader.AvcNalu:
                    if (header.CompositionTimeMs != 0 && options.RefuseBFrames)
                    {
                        return false;
                    }
                    if (_video is null || body.Length == consumed)
                    {
                        return true; // frames before the sequence header cannot be decoded: dropped
                    }
                    handedOff = EmitVideo(ref message, header, consumed);
                    return true;
                default:
                    return true; // end of sequence
            }
        }
        finally
        {
            if (!handedOff)
            {
                message.Release();
            }
        }
    }

    /// <summary>Handles an audio message (AAC; other formats are ignored with one warning).</summary>
    public void OnAudio(RtmpMessage message)
    {
        bool handedOff = false;
        try
        {
            ReadOnlySpan<byte> body = message.Payload;
            if (!FlvAudioTagHeader.TryRead(body, out FlvAudioTagHeader header, out int consumed))
            {
                RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, $"truncated audio tag ({body.Length} bytes)");
            }
            if (header.SoundFormat != FlvAudioTagHeader.FormatAac)
            {
                if (!_audioWarned)
                {
                    _audioWarned = true;
                    Log.AudioIgnored(logger, connectionId, header.SoundFormat);
                }
                return;
            }
            if (header.AacPacketType == FlvAudioTagHeader.AacSequenceHeader)
            {
                ReadOnlySpan<byte> asc = body[consumed..];
                AudioSpecificConfigInfo info = default;
                if (asc.Length > 64 || !AudioSpecificConfigInfo.TryRead(asc, out info))
                {
                    RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "invalid AAC AudioSpecificConfig");
                }
                _audio = new CodecConfig
                {
                    Codec = CodecId.Aac,
                    AudioSpecificConfig = asc.ToArray(),
                    SampleRate = info.SampleRate,
                    Channels = info.Channels,
                };
                _audioConfigChanged = true;
                _session.OnConfig(_audio);
                Log.AudioConfig(logger, connectionId, _audio);
                return;
            }
            if (_audio is null || body.Length == consumed)
            {
                return;
            }
            long ms = _audioClock.Unwrap(message.Timestamp);
            var frame = new MediaFrame
            {
                Codec = CodecId.Aac,
                Flags = _audioConfigChanged ? FrameFlags.ConfigChanged : FrameFlags.None,
                StreamId = _session.StreamId,
                Pts = ms * 90,
                Dts = ms * 90,
                Sequence = _audioSequence++,
                Lease = message.Lease,
                Offset = consumed,
                Length = body.Length - consumed,
                Config = _audio,
            };
            _audioConfigChanged = false;
            Stamp(ref frame, message.ReceivedUnixNs, message.KernelReceivedUnixNs);
            handedOff = true;
            _session.OnFrame(frame);
            counters.OnFrame(video: false);
        }
        finally
        {
            if (!handedOff)
            {
                message.Release();
            }
        }
    }

    private void OnAvcSequenceHeader(ReadOnlySpan<byte> record)
    {
        if (!AvcDecoderConfigurationRecord.TryRead(record, out AvcDecoderConfigurationRecord? avc, out _))
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "invalid AVCDecoderConfigurationRecord");
        }
        if (!H264SpsReader.TryRead(avc!.Sps, out H264SpsInfo sps))
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "invalid H.264 SPS");
        }
        _nalLengthSize = avc.NalLengthSize;
        _video = new CodecConfig
        {
            Codec = CodecId.H264,
            Sps = avc.Sps,
            Pps = avc.Pps,
            Width = sps.Width,
            Height = sps.Height,
            FrameRateMilli = FrameRateMilli,
        };
        _videoConfigChanged = true;
        _session.OnConfig(_video);
        Log.VideoConfig(logger, connectionId, _video);
    }

    /// <returns>True when the message's lease was handed to the session (or replaced and released here).</returns>
    private bool EmitVideo(ref RtmpMessage message, FlvVideoTagHeader header, int offset)
    {
        ReadOnlySpan<byte> nals = message.Payload[offset..];
        if (!TryScanNals(nals, _nalLengthSize, out int count, out bool idr))
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, "NAL unit length runs past the end of the video message");
        }
        BufferLease lease = message.Lease!;
        int length = nals.Length;
        if (_nalLengthSize != 4)
        {
            int converted = nals.Length + count * (4 - _nalLengthSize);
            if (!pool.TryRent(converted, out BufferLease wide))
            {
                RtmpSessionException.Throw(RtmpCloseReason.PoolExhausted, $"no pooled buffer free for a {converted}-byte frame");
            }
            Widen(nals, _nalLengthSize, wide.Span);
            wide.SetLength(converted);
            message.Release(); // the original is no longer needed
            lease = wide;
            offset = 0;
            length = converted;
        }

        long dtsMs = _videoClock.Unwrap(message.Timestamp);
        FrameFlags flags = header.IsKeyframe || idr ? FrameFlags.Keyframe : FrameFlags.None;
        if (_videoConfigChanged)
        {
            flags |= FrameFlags.ConfigChanged;
            _videoConfigChanged = false;
        }
        var frame = new MediaFrame
        {
            Codec = CodecId.H264,
            Flags = flags,
            StreamId = _session.StreamId,
            Pts = (dtsMs + header.CompositionTimeMs) * 90,
            Dts = dtsMs * 90,
            Sequence = _videoSequence++,
            Lease = lease,
            Offset = offset,
            Length = length,
            Config = _video,
        };
        Stamp(ref frame, message.ReceivedUnixNs, message.KernelReceivedUnixNs);
        _session.OnFrame(frame);
        counters.OnFrame(video: true);
        return true;
    }

    private static void Stamp(ref MediaFrame frame, long receivedUnixNs, long kernelReceivedUnixNs)
    {
        if (kernelReceivedUnixNs != 0)
        {
            frame.Timing.Stamp(Hop.IngestKernelRx, kernelReceivedUnixNs);
        }
        frame.Timing.Stamp(Hop.IngestRx, receivedUnixNs);
        frame.Timing.CaptureUnixNs = kernelReceivedUnixNs != 0 ? kernelReceivedUnixNs : receivedUnixNs;
        frame.Timing.Stamp(Hop.Demuxed, Clock.UnixNowNs());
    }

    /// <summary>Walks length-prefixed NAL units, checking every length against what is left.</summary>
    internal static bool TryScanNals(ReadOnlySpan<byte> data, int lengthSize, out int count, out bool idr)
    {
        count = 0;
        idr = false;
        int pos = 0;
        while (pos < data.Length)
        {
            if (data.Length - pos < lengthSize)
            {
                return false;
            }
            uint nalLength = ReadLength(data.Slice(pos, lengthSize));
            pos += lengthSize;
            if (nalLength > (uint)(data.Length - pos))
            {
                return false;
            }
            if (nalLength > 0 && (data[pos] & 0x1F) == 5)
            {
                idr = true;
            }
            pos += (int)nalLength;
            count++;
        }
        return true;
    }

    /// <summary>Rewrites 1- or 2-byte NAL length prefixes as 4-byte ones (input already validated).</summary>
    internal static void Widen(ReadOnlySpan<byte> data, int lengthSize, Span<byte> dst)
    {
        int pos = 0, outPos = 0;
        while (pos < data.Length)
        {
            int nalLength = (int)ReadLength(data.Slice(pos, lengthSize));
            pos += lengthSize;
            BinaryPrimitives.WriteInt32BigEndian(dst.Slice(outPos, 4), nalLength);
            outPos += 4;
            data.Slice(pos, nalLength).CopyTo(dst[outPos..]);
            pos += nalLength;
            outPos += nalLength;
        }
    }

    private static uint ReadLength(ReadOnlySpan<byte> s) => s.Length switch
    {
        1 => s[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(s),
        _ => BinaryPrimitives.ReadUInt32BigEndian(s),
    };

    /// <summary>Extends 32-bit RTMP millisecond timestamps across wrap-around (tolerates small steps back).</summary>
    private struct TimestampUnwrapper
    {
        private long _last;
        private bool _started;

        public long Unwrap(uint timestamp)
        {
            if (!_started)
            {
                _started = true;
                _last = timestamp;
                return _last;
            }
            _last += (int)(timestamp - (uint)_last);
            return _last;
        }
    }
}
