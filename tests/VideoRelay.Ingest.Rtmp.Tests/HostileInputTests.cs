using System.Buffers.Binary;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Tests.Support;

namespace VideoRelay.Ingest.Rtmp.Tests;

/// <summary>Each bad publisher loses its own connection, with the right counter; the server keeps serving.</summary>
public sealed class HostileInputTests
{
    public enum Attack
    {
        EncryptedHandshakeVersion,
        UnknownHandshakeVersion,
        ClosedMidHandshake,
        HandshakeTimeout,
        IdleTimeout,
        GarbageAfterHandshake,
        OversizedChunkSize,
        HugeMessageLength,
        BadAmfCommand,
        OversizedCommand,
        TruncatedMessage,
        EnhancedRtmpVideo,
        CommandBeforeConnect,
        BadAvcSequenceHeader,
    }

    [Theory]
    [InlineData(Attack.EncryptedHandshakeVersion, RtmpCloseReason.BadHandshake)]
    [InlineData(Attack.UnknownHandshakeVersion, RtmpCloseReason.BadHandshake)]
    [InlineData(Attack.ClosedMidHandshake, RtmpCloseReason.BadHandshake)]
    [InlineData(Attack.HandshakeTimeout, RtmpCloseReason.Timeout)]
    [InlineData(Attack.IdleTimeout, RtmpCloseReason.Timeout)]
    [InlineData(Attack.GarbageAfterHandshake, RtmpCloseReason.ProtocolError)]
    [InlineData(Attack.OversizedChunkSize, RtmpCloseReason.Oversize)]
    [InlineData(Attack.HugeMessageLength, RtmpCloseReason.Oversize)]
    [InlineData(Attack.BadAmfCommand, RtmpCloseReason.ProtocolError)]
    [InlineData(Attack.OversizedCommand, RtmpCloseReason.Oversize)]
    [InlineData(Attack.TruncatedMessage, RtmpCloseReason.ConnectionLost)]
    [InlineData(Attack.EnhancedRtmpVideo, RtmpCloseReason.UnsupportedCodec)]
    [InlineData(Attack.CommandBeforeConnect, RtmpCloseReason.ProtocolError)]
    [InlineData(Attack.BadAvcSequenceHeader, RtmpCloseReason.ProtocolError)]
    public async Task Bad_publisher_is_closed_with_its_reason_and_the_next_client_is_served(Attack attack, RtmpCloseReason expected)
    {
        await using TestServer t = await TestServer.StartAsync(o =>
        {
            o.HandshakeTimeout = TimeSpan.FromMilliseconds(300);
            o.IdleTimeout = TimeSpan.FromMilliseconds(attack == Attack.IdleTimeout ? 300 : 10_000);
            o.MaxMessageLength = 1024 * 1024;
        });
        await using (FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port))
        {
            await RunAsync(client, attack);
            Assert.True(await client.WaitForCloseAsync(), "the server did not close the connection");
        }
        await TestServer.WaitForAsync(() => t.Counters.ClosedTotal == 1, what: "close counted");
        Assert.Equal(1, t.Counters.Closed(expected));
        Assert.Equal(0, t.Counters.ConnectionsActive);
        t.Server.Options.HandshakeTimeout = TimeSpan.FromSeconds(10); // read per connection: the good client is not rushed
        t.Server.Options.IdleTimeout = TimeSpan.FromSeconds(10);
        await RtmpServerTests.AssertServesAGoodClientAsync(t, "next");
    }

    private static async Task RunAsync(FakeRtmpClient client, Attack attack)
    {
        switch (attack)
        {
            case Attack.EncryptedHandshakeVersion:
                await client.SendAsync((byte[])[6, .. new byte[1536]]);
                return;
            case Attack.UnknownHandshakeVersion:
                await client.SendAsync((byte[])[(byte)'G', .. "ET / HTTP/1.1\r\nHost: x\r\n\r\n"u8, .. new byte[1536]]);
                return;
            case Attack.ClosedMidHandshake:
                await client.SendAsync((byte[])[3, 0, 0, 0, 0]);
                client.Close();
                return;
            case Attack.HandshakeTimeout:
                await client.SendAsync((byte[])[3]);
                return;
            case Attack.IdleTimeout:
                await client.HandshakeAsync();
                return;
        }

        await client.HandshakeAsync();
        switch (attack)
        {
            case Attack.GarbageAfterHandshake:
                var garbage = new byte[4096];
                new Random(42).NextBytes(garbage);
                garbage[0] = 0x7F; // type 1 header on a fresh chunk stream
                await client.SendAsync(garbage);
                break;
            case Attack.OversizedChunkSize:
                await client.SendMessageAsync(RtmpMessageType.SetChunkSize, [0x01, 0x00, 0x00, 0x00], chunkStreamId: 2);
                break;
            case Attack.HugeMessageLength:
                await client.SendAsync((byte[])[0x06, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x09, 1, 0, 0, 0, 0x17]);
                break;
            case Attack.BadAmfCommand:
                await client.SendMessageAsync(RtmpMessageType.CommandAmf0, [0x02, 0x00, 0x07, (byte)'c', (byte)'o', 0x07, 0x00]);
                break;
            case Attack.OversizedCommand:
                await client.SendMessageAsync(RtmpMessageType.CommandAmf0, FakeRtmpClient.Amf("connect", 1.0, new string('x', 70_000)));
                break;
            case Attack.TruncatedMessage:
                byte[] header = [0x06, 0, 0, 0, 0x00, 0x10, 0x00, 0x09, 1, 0, 0, 0, .. new byte[100]];
                await client.SendAsync(header);
                await Task.Delay(50);
                client.Close();
                break;
            case Attack.EnhancedRtmpVideo:
                await client.PublishAsync("e?key=k");
                await client.SendMessageAsync(RtmpMessageType.Video, [0x90, (byte)'h', (byte)'v', (byte)'c', (byte)'1', 1, 2, 3], 0, 1, 6);
                break;
            case Attack.CommandBeforeConnect:
                await client.SendCommandAsync("createStream", 4, (object?)null);
                break;
            case Attack.BadAvcSequenceHeader:
                await client.PublishAsync("a?key=k");
                byte[] tag = FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720);
                BinaryPrimitives.WriteUInt16BigEndian(tag.AsSpan(11), 0x7FFF); // SPS length past the end
                await client.SendMessageAsync(RtmpMessageType.Video, tag, 0, 1, 6);
                break;
        }
    }
}
