using System.Diagnostics;
using Org.BouncyCastle.Tls;

namespace VideoRelay.WebRtc.Dtls.Tests;

public class DtlsSrtpFailureTests
{
    private static readonly DtlsSrtpOptions Normal = new() { HandshakeTimeout = TestCertificates.Timeout };

    [Fact]
    public async Task Server_rejects_a_client_certificate_that_does_not_match_the_offer_fingerprint()
    {
        using var pair = new ChannelPair();
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Stranger.Sha256, pair.Server, Normal);
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.ConnectAsync(
            TestCertificates.Browser, TestCertificates.Edge.Sha256, pair.Client, Normal);

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server);
        Assert.Equal(DtlsHandshakeFailure.FingerprintMismatch, serverError.Reason);
        Assert.Equal(AlertDescription.bad_certificate, serverError.AlertDescription);
        Assert.Contains(TestCertificates.Browser.SdpFingerprint, serverError.Message);
        Assert.Contains(TestCertificates.Stranger.SdpFingerprint, serverError.Message);

        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client);
        Assert.Equal(DtlsHandshakeFailure.AlertReceived, clientError.Reason);
        Assert.Equal(AlertDescription.bad_certificate, clientError.AlertDescription);

        Assert.True(pair.Server.IsClosed);
        Assert.Equal(1, pair.ServerCounters.HandshakesFailed);
        Assert.Equal(0, pair.ServerCounters.HandshakesSucceeded);
    }

    [Fact]
    public async Task Client_rejects_a_server_certificate_that_does_not_match_the_answer_fingerprint()
    {
        using var pair = new ChannelPair();
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Browser.Sha256, pair.Server, Normal);
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.ConnectAsync(
            TestCertificates.Browser, TestCertificates.Stranger.Sha256, pair.Client, Normal);

        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client);
        Assert.Equal(DtlsHandshakeFailure.FingerprintMismatch, clientError.Reason);
        Assert.Contains(TestCertificates.Edge.SdpFingerprint, clientError.Message);

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server);
        Assert.Equal(DtlsHandshakeFailure.AlertReceived, serverError.Reason);
    }

    [Fact]
    public async Task No_common_srtp_profile_fails_with_a_clear_reason()
    {
        using var pair = new ChannelPair();
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Browser.Sha256, pair.Server,
            new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout, SrtpProfiles = [DtlsSrtpProfile.Aes128CmHmacSha1_80] });
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.ConnectAsync(
            TestCertificates.Browser, TestCertificates.Edge.Sha256, pair.Client,
            new DtlsSrtpOptions { HandshakeTimeout = TestCertificates.Timeout, SrtpProfiles = [DtlsSrtpProfile.AeadAes128Gcm] });

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server);
        Assert.Equal(DtlsHandshakeFailure.NoCommonSrtpProfile, serverError.Reason);
        Assert.Contains("SRTP_AEAD_AES_128_GCM", serverError.Message);
        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client);
        Assert.Equal(DtlsHandshakeFailure.AlertReceived, clientError.Reason);
    }

    [Fact]
    public async Task Client_whose_peer_never_answers_times_out_within_the_limit_and_releases_everything()
    {
        var counters = new DtlsCounters();
        int sent = 0;
        using var channel = new DtlsDatagramChannel(_ => Interlocked.Increment(ref sent), counters);
        var limit = TimeSpan.FromMilliseconds(400);
        var options = new DtlsSrtpOptions { HandshakeTimeout = limit, InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100) };

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() =>
            DtlsSrtpEndpoint.ConnectAsync(TestCertificates.Browser, TestCertificates.Edge.Sha256, channel, options));
        watch.Stop();

        Assert.Equal(DtlsHandshakeFailure.TimedOut, error.Reason);
        Assert.Contains("400 ms", error.Message);
        Assert.InRange(watch.Elapsed, limit - TimeSpan.FromMilliseconds(50), limit + TimeSpan.FromSeconds(2));
        Assert.True(sent >= 2, "the ClientHello was retransmitted while waiting");
        Assert.True(channel.IsClosed);
        Assert.False(channel.TryDeliver(new byte[20]));
        Assert.Equal(1, counters.HandshakesTimedOut);
        Assert.Equal(0, counters.HandshakesFailed);

        // The handshake thread has finished: nothing is sent any more.
        int after = Volatile.Read(ref sent);
        await Task.Delay(250);
        Assert.Equal(after, Volatile.Read(ref sent));
    }

    [Fact]
    public async Task Server_that_never_hears_a_client_hello_times_out()
    {
        var counters = new DtlsCounters();
        using var channel = new DtlsDatagramChannel(_ => { }, counters);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() =>
            DtlsSrtpEndpoint.AcceptAsync(TestCertificates.Edge, TestCertificates.Browser.Sha256, channel, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(DtlsHandshakeFailure.TimedOut, error.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.3), $"took {watch.Elapsed}");
        Assert.Equal(1, counters.HandshakesTimedOut);
    }

    [Fact]
    public async Task Stall_after_the_first_flight_times_out_on_both_sides()
    {
        int serverDatagrams = 0;
        // The server sends part of its first flight (no ServerHelloDone), then goes silent.
        using var pair = new ChannelPair(serverToClientFilter: _ => Interlocked.Increment(ref serverDatagrams) <= 3);
        var options = new DtlsSrtpOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(500), InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100) };
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(TestCertificates.Edge, TestCertificates.Browser.Sha256, pair.Server, options);
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.ConnectAsync(TestCertificates.Browser, TestCertificates.Edge.Sha256, pair.Client, options);

        Assert.Equal(DtlsHandshakeFailure.TimedOut, (await Assert.ThrowsAsync<DtlsHandshakeException>(() => client)).Reason);
        Assert.Equal(DtlsHandshakeFailure.TimedOut, (await Assert.ThrowsAsync<DtlsHandshakeException>(() => server)).Reason);
        Assert.True(pair.Client.IsClosed);
        Assert.True(pair.Server.IsClosed);
    }

    [Fact]
    public async Task Cancellation_stops_the_handshake_promptly()
    {
        var counters = new DtlsCounters();
        using var channel = new DtlsDatagramChannel(_ => { }, counters);
        using var cts = new CancellationTokenSource();
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Browser.Sha256, channel, TestCertificates.Timeout, cts.Token);
        await Task.Delay(50);
        var watch = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.True(channel.IsClosed);
        Assert.Equal(1, counters.HandshakesCanceled);
    }

    [Fact]
    public async Task Closing_the_channel_unblocks_a_waiting_handshake()
    {
        using var channel = new DtlsDatagramChannel(_ => { });
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Browser.Sha256, channel, TestCertificates.Timeout);
        await Task.Delay(50);
        var watch = Stopwatch.StartNew();
        channel.Close();
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server);
        Assert.Equal(DtlsHandshakeFailure.Closed, error.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_any_thread_starts()
    {
        using var channel = new DtlsDatagramChannel(_ => { });
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DtlsSrtpEndpoint.AcceptAsync(TestCertificates.Edge, new byte[20], channel, TestCertificates.Timeout));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            DtlsSrtpEndpoint.AcceptAsync(TestCertificates.Edge, TestCertificates.Browser.Sha256, channel, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DtlsSrtpEndpoint.ConnectAsync(TestCertificates.Edge, TestCertificates.Browser.Sha256, channel,
                new DtlsSrtpOptions { SrtpProfiles = [0x0005] }));
        Assert.False(channel.IsClosed);
    }
}
