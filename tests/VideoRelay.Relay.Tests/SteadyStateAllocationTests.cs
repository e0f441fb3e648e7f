using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Client;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Tests.Support;
using VideoRelay.Relay.Transport;

namespace VideoRelay.Relay.Tests;

public sealed class SteadyStateAllocationTests
{
    [Fact]
    public void Reading_frames_into_pooled_leases_and_publishing_them_allocates_nothing()
    {
        using TieredBufferPool pool = Relays.Pool();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var sendSide = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sendSide.Connect(listener.LocalEndPoint!);
        using var sender = new RelaySocket(sendSide, RelayMessageHeader.DefaultMaxFrameLength, TimeSpan.FromSeconds(5));
        using var receiver = new RelaySocket(listener.Accept(), RelayMessageHeader.DefaultMaxFrameLength, TimeSpan.FromSeconds(5));

        using var client = new RelayClient(new RelayClientOptions { Secret = Relays.Secret }, pool); // not started: the test drives its read path
        RelayStreamHandle handle = client.Register("alloc");
        CodecConfig config = FakeStream.MakeConfig(1280, 720, 1);
        handle.ApplyInfo(new StreamInfoMessage(handle.Channel, true, [new RenditionInfo(0, "source", 1280, 720, 0, config)], null));
        using var reader = new FrameReader("viewer", 64, 64);
        handle.Subscribe(0, reader, withAudio: true);

        const int Warmup = 200, Measured = 500;
        byte[] payload = new byte[20_000]; // above the coalescing limit: header and payload go in two sends
        var writer = new Thread(() =>
        {
            for (int i = 0; i < Warmup + Measured; i++)
            {
                var header = new FrameHeader
                {
                    Channel = handle.Channel,
                    Track = i % 4 == 3 ? RelayTrack.Audio : (byte)0,
                    Codec = i % 4 == 3 ? CodecId.Opus : CodecId.H264,
                    Flags = i % 30 == 0 ? FrameFlags.Keyframe : FrameFlags.None,
                    Sequence = i,
                };
                sender.SendFrame(header, payload.AsSpan(0, i % 4 == 3 ? 160 : payload.Length - i));
            }
        });
        writer.Start();

        ReadAndDrain(client, receiver, reader, Warmup);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadAndDrain(client, receiver, reader, Measured);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        writer.Join();

        Assert.Equal(0L, allocated);
        Assert.Equal((long)(Warmup + Measured), Interlocked.Read(ref client.Counters.FramesIn));
    }

    private static void ReadAndDrain(RelayClient client, RelaySocket socket, FrameReader reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            client.ReadFrame(socket, socket.ReadHeader());
            while (reader.TryRead(out MediaFrame frame))
            {
                frame.Release();
            }
        }
    }
}
