using Org.BouncyCastle.Tls;

namespace VideoRelay.WebRtc.Dtls.Tests;

public class DtlsSrtpHandshakeTests
{
    private static async Task<(DtlsSrtpResult Client, DtlsSrtpResult Server)> HandshakeAsync(
        ChannelPair pair, DtlsSrtpOptions? clientOptions = null, DtlsSrtpOptions? serverOptions = null)
    {
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Browser.Sha256, pair.Server, serverOptions ?? new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout });
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.ConnectAsync(
            TestCertificates.Browser, TestCertificates.Edge.Sha256, pair.Client, clientOptions ?? new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout });
        return (await client, await server);
    }

    [Fact]
    public async Task Handshake_completes_and_both_sides_export_identical_keying_material()
    {
        using var pair = new ChannelPair();
        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(pair);
        using (client)
        using (server)
        {
            Assert.True(client.IsClient);
            Assert.False(server.IsClient);
            Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, client.SrtpProfileId);
            Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, server.SrtpProfileId);
            Assert.Equal(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, server.CipherSuite);
            Assert.Equal(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, client.CipherSuite);
            Assert.Equal(2 * (16 + 12), client.KeyingMaterial.Length);
            Assert.Equal(client.KeyingMaterial, server.KeyingMaterial);
            Assert.Contains(client.KeyingMaterial, b => b != 0);

            // What one side protects with, the other unprotects with.
            Assert.Equal(client.LocalMasterKey.ToArray(), server.RemoteMasterKey.ToArray());
            Assert.Equal(client.LocalMasterSalt.ToArray(), server.RemoteMasterSalt.ToArray());
            Assert.Equal(server.LocalMasterKey.ToArray(), client.RemoteMasterKey.ToArray());
            Assert.Equal(server.LocalMasterSalt.ToArray(), client.RemoteMasterSalt.ToArray());
            Assert.NotEqual(client.LocalMasterKey.ToArray(), client.RemoteMasterKey.ToArray());
            // RFC 5764 §4.2 layout: client_key | server_key | client_salt | server_salt.
            Assert.Equal(client.KeyingMaterial[..16], client.LocalMasterKey.ToArray());
            Assert.Equal(client.KeyingMaterial[32..44], client.LocalMasterSalt.ToArray());
            Assert.Equal(client.KeyingMaterial[16..32], server.LocalMasterKey.ToArray());
            Assert.Equal(client.KeyingMaterial[44..56], server.LocalMasterSalt.ToArray());

            Assert.InRange(pair.LargestServerDatagram, 13, DtlsDatagramChannel.DefaultSendLimit);
            Assert.InRange(pair.LargestClientDatagram, 13, DtlsDatagramChannel.DefaultSendLimit);
            Assert.Equal(TestCertificates.Edge.SdpFingerprint, client.RemoteFingerprint);
            Assert.Equal(TestCertificates.Browser.SdpFingerprint, server.RemoteFingerprint);
            Assert.Equal(1, pair.ServerCounters.HandshakesSucceeded);
            Assert.Equal(1, pair.ClientCounters.HandshakesSucceeded);
            Assert.Equal(0, pair.ServerCounters.HandshakesFailed);
        }
    }

    [Theory]
    [InlineData(new ushort[] { 0x0007, 0x0001 }, new ushort[] { 0x0007, 0x0001 }, 0x0007, 56)]
    [InlineData(new ushort[] { 0x0001 }, new ushort[] { 0x0007, 0x0001 }, 0x0001, 60)]
    [InlineData(new ushort[] { 0x0001, 0x0007 }, new ushort[] { 0x0007, 0x0001 }, 0x0007, 56)]
    [InlineData(new ushort[] { 0x0007, 0x0001 }, new ushort[] { 0x0001, 0x0007 }, 0x0001, 60)]
    [InlineData(new ushort[] { 0x0008, 0x0007 }, new ushort[] { 0x0008, 0x0007, 0x0001 }, 0x0008, 88)]
    public async Task Server_picks_its_most_preferred_profile_among_those_offered(
        ushort[] clientOffers, ushort[] serverPrefers, int expectedProfile, int expectedKeyingLength)
    {
        using var pair = new ChannelPair();
        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(
            pair,
            new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout, SrtpProfiles = clientOffers },
            new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout, SrtpProfiles = serverPrefers });
        using (client)
        using (server)
        {
            Assert.Equal(expectedProfile, client.SrtpProfileId);
            Assert.Equal(expectedProfile, server.SrtpProfileId);
            Assert.Equal(expectedKeyingLength, server.KeyingMaterial.Length);
            Assert.Equal(client.KeyingMaterial, server.KeyingMaterial);
        }
    }

    [Fact]
    public async Task Garbage_datagrams_injected_mid_handshake_are_dropped_and_the_handshake_completes()
    {
        var random = new Random(1234);
        int forwarded = 0;
        DtlsDatagramChannel? clientChannel = null;
        // Before each of the server's datagrams, hand the client a few invalid ones: random bytes, a
        // runt, an unknown content type, a record whose length field lies, and a well-formed epoch-1
        // record whose ciphertext cannot authenticate. The queue is large enough that the noise never
        // crowds out the real flight (a full queue drops, by design).
        using var pair = new ChannelPair(capacity: 256, serverToClientFilter: _ =>
        {
            forwarded++;
            byte[] noise = new byte[100];
            random.NextBytes(noise);
            clientChannel!.TryDeliver(noise);
            clientChannel.TryDeliver([22, 0xFE]);
            clientChannel.TryDeliver([99, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]);
            clientChannel.TryDeliver([22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0x40, 0, 1, 2, 3]);
            byte[] forged = new byte[13 + 40];
            random.NextBytes(forged);
            forged[0] = 22;
            forged[1] = 0xFE;
            forged[2] = 0xFD;
            forged[3] = 0;
            forged[4] = 1;
            forged[11] = 0;
            forged[12] = 40;
            clientChannel.TryDeliver(forged);
            return true;
        });
        clientChannel = pair.Client;

        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(pair);
        using (client)
        using (server)
        {
            Assert.True(forwarded > 0);
            Assert.Equal(0, pair.ClientCounters.DatagramsDroppedQueueFull);
            Assert.Equal(client.KeyingMaterial, server.KeyingMaterial);
            Assert.True(client.ProcessIncoming(), "garbage queued after the handshake does not end the session");
        }
    }

    [Fact]
    public async Task Forged_records_in_the_current_epoch_after_the_handshake_do_not_end_the_session()
    {
        using var pair = new ChannelPair();
        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(pair);
        using (client)
        using (server)
        {
            var random = new Random(99);
            foreach (byte contentType in new byte[] { 21, 22, 23 }) // alert, handshake, application_data
            {
                byte[] forged = new byte[13 + 48];
                random.NextBytes(forged);
                forged[0] = contentType;
                forged[1] = 0xFE;
                forged[2] = 0xFD;
                forged[3] = 0;
                forged[4] = 1; // epoch 1: the keys now in use, so it must fail authentication
                forged[11] = 0;
                forged[12] = 48;
                Assert.True(pair.Server.TryDeliver(forged));
            }
            Assert.True(server.ProcessIncoming(), "records that fail authentication are discarded (RFC 6347 §4.1.2.7)");
            Assert.True(server.IsOpen);
            Assert.False(pair.Server.HasPending);
        }
    }

    [Fact]
    public async Task Handshake_survives_a_lost_flight_by_retransmitting()
    {
        int serverDatagrams = 0;
        // Lose the server's first flight once (ServerHello…ServerHelloDone); the client's timer resends.
        using var pair = new ChannelPair(serverToClientFilter: _ => Interlocked.Increment(ref serverDatagrams) > 1);
        var fast = new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout, InitialRetransmitTimeout = TimeSpan.FromMilliseconds(50) };
        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(pair, fast, fast);
        using (client)
        using (server)
        {
            Assert.Equal(client.KeyingMaterial, server.KeyingMaterial);
        }
    }

    [Fact]
    public async Task Handshake_messages_are_fragmented_to_fit_a_small_send_limit()
    {
        // 256 bytes cannot hold the ~400-byte Certificate message, so BouncyCastle must fragment it.
        using var pair = new ChannelPair(sendLimit: 256);
        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(pair);
        using (client)
        using (server)
        {
            Assert.Equal(client.KeyingMaterial, server.KeyingMaterial);
            Assert.InRange(pair.LargestServerDatagram, 200, 256);
            Assert.InRange(pair.LargestClientDatagram, 200, 256);
        }
    }

    [Fact]
    public async Task Lost_final_flight_is_resent_by_the_server_when_the_edge_processes_incoming_datagrams()
    {
        int toDrop = 0;
        bool droppedOnce = false;
        // Lose the server's final flight (ChangeCipherSpec + Finished) once. The server has finished its
        // handshake by then; only ProcessIncoming() lets it answer the client's retransmission.
        using var pair = new ChannelPair(serverToClientFilter: d =>
        {
            if (!droppedOnce && d[0] == 20)
            {
                droppedOnce = true;
                toDrop = 2;
            }
            return toDrop-- <= 0;
        });
        var fast = new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout, InitialRetransmitTimeout = TimeSpan.FromMilliseconds(50) };
        Task<DtlsSrtpResult> serverTask = DtlsSrtpEndpoint.AcceptAsync(TestCertificates.Edge, TestCertificates.Browser.Sha256, pair.Server, fast);
        Task<DtlsSrtpResult> clientTask = DtlsSrtpEndpoint.ConnectAsync(TestCertificates.Browser, TestCertificates.Edge.Sha256, pair.Client, fast);
        using DtlsSrtpResult server = await serverTask;
        Assert.True(droppedOnce);
        while (!clientTask.IsCompleted)
        {
            Assert.True(server.ProcessIncoming());
            await Task.Delay(5);
        }
        using DtlsSrtpResult client = await clientTask;
        Assert.Equal(client.KeyingMaterial, server.KeyingMaterial);
    }

    [Fact]
    public async Task Close_notify_from_one_side_closes_the_other()
    {
        using var pair = new ChannelPair();
        (DtlsSrtpResult client, DtlsSrtpResult server) = await HandshakeAsync(pair);
        using (server)
        {
            Assert.True(server.ProcessIncoming());
            client.Dispose();
            Assert.False(client.IsOpen);
            Assert.True(pair.Server.HasPending);
            Assert.False(server.ProcessIncoming());
            Assert.False(server.IsOpen);
        }
    }
}
