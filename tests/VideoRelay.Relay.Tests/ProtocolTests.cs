using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Tests.Support;

namespace VideoRelay.Relay.Tests;

public class ProtocolTests
{
    [Fact]
    public void Header_round_trips_and_is_big_endian()
    {
        Span<byte> buffer = stackalloc byte[5];
        Assert.True(new RelayMessageHeader(RelayMessageType.Frame, 0x01020304).TryWrite(buffer, out int written));
        Assert.Equal(5, written);
        Assert.Equal(new byte[] { 0x20, 1, 2, 3, 4 }, buffer.ToArray());
        Assert.True(RelayMessageHeader.TryRead(buffer, out RelayMessageHeader header, out int consumed));
        Assert.Equal(5, consumed);
        Assert.Equal(new RelayMessageHeader(RelayMessageType.Frame, 0x01020304), header);
        Assert.False(RelayMessageHeader.TryRead(buffer[..4], out _, out _));
    }

    [Theory]
    [InlineData(RelayMessageType.Subscribe, 64 * 1024, RelayErrorCode.None)]
    [InlineData(RelayMessageType.Subscribe, 64 * 1024 + 1, RelayErrorCode.TooLarge)]
    [InlineData(RelayMessageType.Frame, 8 * 1024 * 1024, RelayErrorCode.None)]
    [InlineData(RelayMessageType.Frame, 8 * 1024 * 1024 + 1, RelayErrorCode.TooLarge)]
    [InlineData(RelayMessageType.Heartbeat, -1, RelayErrorCode.TooLarge)]
    [InlineData((RelayMessageType)0x99, 4, RelayErrorCode.Protocol)]
    public void Header_lengths_are_bounded_per_type(RelayMessageType type, int length, RelayErrorCode expected)
    {
        Assert.Equal(expected, new RelayMessageHeader(type, length).Validate(RelayMessageHeader.DefaultMaxFrameLength));
    }

    [Fact]
    public void Header_length_above_int_max_reads_as_invalid()
    {
        byte[] bytes = [0x10, 0xFF, 0xFF, 0xFF, 0xFF];
        Assert.True(RelayMessageHeader.TryRead(bytes, out RelayMessageHeader header, out _));
        Assert.Equal(RelayErrorCode.TooLarge, header.Validate(RelayMessageHeader.DefaultMaxFrameLength));
    }

    [Fact]
    public void Hello_round_trips_with_magic_first()
    {
        byte[] nonce = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var hello = new HelloMessage(1, HelloMessage.CapabilityTiming, nonce, "edge-α");
        byte[] buffer = new byte[128];
        Assert.True(hello.TryWrite(buffer, out int written));
        Assert.Equal("VRLY"u8.ToArray(), buffer[..4]);
        Assert.True(HelloMessage.TryRead(buffer.AsSpan(0, written), out HelloMessage read, out int consumed));
        Assert.Equal(written, consumed);
        Assert.Equal(hello.Version, read.Version);
        Assert.Equal(hello.Capabilities, read.Capabilities);
        Assert.Equal(nonce, read.Nonce);
        Assert.Equal("edge-α", read.NodeName);
        for (int cut = 0; cut < written; cut++)
        {
            Assert.False(HelloMessage.TryRead(buffer.AsSpan(0, cut), out _, out _));
        }
        buffer[0] = (byte)'X';
        Assert.False(HelloMessage.TryRead(buffer.AsSpan(0, written), out _, out _));
    }

    [Fact]
    public void Auth_proofs_are_hmac_sha256_over_label_and_nonces_and_differ_by_role()
    {
        byte[] secret = "s3cret"u8.ToArray();
        byte[] server = Enumerable.Repeat((byte)1, 32).ToArray();
        byte[] client = Enumerable.Repeat((byte)2, 32).ToArray();
        byte[] expected = System.Security.Cryptography.HMACSHA256.HashData(secret, (byte[])[.. "VRLY client"u8.ToArray(), .. server, .. client]);
        Assert.Equal(expected, AuthMessage.ClientProof(secret, server, client));
        Assert.NotEqual(AuthMessage.ClientProof(secret, server, client), AuthMessage.ServerProof(secret, server, client));
        Assert.True(AuthMessage.Verify(expected, AuthMessage.ClientProof(secret, server, client)));
        Assert.False(AuthMessage.Verify(expected, AuthMessage.ClientProof("other"u8, server, client)));
    }

    [Fact]
    public void Subscribe_round_trips_and_rejects_bad_rendition_ids()
    {
        var message = new SubscribeMessage(7, "demo", [0, 2]);
        byte[] buffer = new byte[128];
        Assert.True(message.TryWrite(buffer, out int written));
        Assert.True(SubscribeMessage.TryRead(buffer.AsSpan(0, written), out SubscribeMessage read, out _));
        Assert.Equal(7u, read.Channel);
        Assert.Equal("demo", read.StreamName);
        Assert.Equal(new byte[] { 0, 2 }, read.Renditions);
        buffer[written - 1] = 9; // rendition id 9 ≥ 8
        Assert.False(SubscribeMessage.TryRead(buffer.AsSpan(0, written), out _, out _));
        Assert.False(new SubscribeMessage(1, new string('x', 65), []).TryWrite(buffer, out _));
    }

    [Fact]
    public void StreamInfo_round_trips_renditions_and_codec_configs()
    {
        CodecConfig video = FakeStream.MakeConfig(1280, 720, 3);
        var audio = new CodecConfig { Codec = CodecId.Opus, SampleRate = 48000, Channels = 2, AudioSpecificConfig = [0x11, 0x90] };
        var info = new StreamInfoMessage(3, true, [new RenditionInfo(0, "source", 1280, 720, 0, video), new RenditionInfo(2, "360p", 640, 360, 800, null)], audio);
        byte[] buffer = new byte[1024];
        Assert.True(info.TryWrite(buffer, out int written));
        Assert.True(StreamInfoMessage.TryRead(buffer.AsSpan(0, written), out StreamInfoMessage read, out int consumed));
        Assert.Equal(written, consumed);
        Assert.Equal(3u, read.Channel);
        Assert.True(read.IsLive);
        Assert.Equal(2, read.Renditions.Count);
        Assert.Equal(new RenditionInfo(2, "360p", 640, 360, 800, null), read.Renditions[1]);
        CodecConfig v = read.Renditions[0].VideoConfig!;
        Assert.Equal(video.Sps, v.Sps);
        Assert.Equal(video.Pps, v.Pps);
        Assert.Equal(1280, v.Width);
        Assert.Equal(720, v.Height);
        Assert.Equal(30000, v.FrameRateMilli);
        Assert.True(CodecConfigWire.SameValues(audio, read.AudioConfig));
        for (int cut = 0; cut < written; cut++)
        {
            Assert.False(StreamInfoMessage.TryRead(buffer.AsSpan(0, cut), out _, out _));
        }
    }

    [Fact]
    public void Frame_header_carries_every_field_and_the_whole_timing_record()
    {
        var header = new FrameHeader
        {
            Channel = 9,
            Track = RelayTrack.Audio,
            Codec = CodecId.Opus,
            Flags = FrameFlags.Keyframe | FrameFlags.Discontinuity,
            Pts = -5,
            Dts = long.MaxValue,
            Sequence = 123456789012,
            Duration = 1920,
        };
        for (int i = 0; i < TimingRecord.HopCount; i++)
        {
            header.Timing.Stamp((Hop)i, 1_000_000_000L * i + 7);
        }
        byte[] buffer = new byte[FrameHeader.Size];
        Assert.True(header.TryWrite(buffer, out int written));
        Assert.Equal(FrameHeader.Size, written);
        Assert.Equal(written, FrameHeader.GetHeaderLength(buffer));
        Assert.True(FrameHeader.TryRead(buffer, out FrameHeader read, out int consumed));
        Assert.Equal(written, consumed);
        Assert.Equal(header.Channel, read.Channel);
        Assert.Equal(header.Track, read.Track);
        Assert.Equal(header.Codec, read.Codec);
        Assert.Equal(header.Flags, read.Flags);
        Assert.Equal(header.Pts, read.Pts);
        Assert.Equal(header.Dts, read.Dts);
        Assert.Equal(header.Sequence, read.Sequence);
        Assert.Equal(header.Duration, read.Duration);
        for (int i = 0; i < TimingRecord.HopCount; i++)
        {
            Assert.Equal(header.Timing[(Hop)i], read.Timing[(Hop)i]);
        }
        buffer[7] = 33; // hop count over the bound
        Assert.Equal(-1, FrameHeader.GetHeaderLength(buffer));
        buffer[7] = TimingRecord.HopCount;
        buffer[4] = 8; // track 8 is neither a rendition nor audio
        Assert.False(FrameHeader.TryRead(buffer, out _, out _));
    }

    [Fact]
    public void Config_and_error_and_channel_messages_round_trip()
    {
        byte[] buffer = new byte[2048];
        var config = new ConfigMessage(5, 1, FakeStream.MakeConfig(640, 360, 9));
        Assert.True(config.TryWrite(buffer, out int n));
        Assert.True(ConfigMessage.TryRead(buffer.AsSpan(0, n), out ConfigMessage c, out _));
        Assert.Equal(5u, c.Channel);
        Assert.Equal((byte)1, c.Track);
        Assert.True(CodecConfigWire.SameValues(config.Config, c.Config));

        var error = new ErrorMessage(RelayMessageType.Error, 4, RelayErrorCode.NotFound, new string('é', 400));
        Assert.True(error.TryWrite(buffer, out n));
        Assert.True(ErrorMessage.TryRead(RelayMessageType.Error, buffer.AsSpan(0, n), out ErrorMessage e, out _));
        Assert.Equal(RelayErrorCode.NotFound, e.Code);
        Assert.Equal(4u, e.Channel);
        Assert.True(e.Text.Length is > 0 and < 400);

        Assert.True(new ChannelMessage(RelayMessageType.KeyframeRequest, 6, 2).TryWrite(buffer, out n));
        Assert.Equal(ChannelMessage.Size, n);
        Assert.True(ChannelMessage.TryRead(RelayMessageType.KeyframeRequest, buffer.AsSpan(0, n), out ChannelMessage k, out _));
        Assert.Equal(new ChannelMessage(RelayMessageType.KeyframeRequest, 6, 2), k);
    }

    [Fact]
    public void Config_parser_bounds_parameter_set_lengths()
    {
        var huge = new CodecConfig { Codec = CodecId.H264, Sps = new byte[2000] };
        Assert.False(new ConfigMessage(1, 0, huge).TryWrite(new byte[8192], out _));
        // Hand-made body claiming a 2000-byte SPS.
        byte[] body = [0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07, 0xD0];
        Assert.False(ConfigMessage.TryRead(body, out _, out _));
    }
}
