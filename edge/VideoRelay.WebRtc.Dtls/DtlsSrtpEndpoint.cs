using System.Diagnostics;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using VideoRelay.WebRtc.Dtls.Internal;

namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// Runs a DTLS-SRTP handshake over a <see cref="DtlsDatagramChannel"/> and hands back the SRTP keys.
/// BouncyCastle's DTLS engine is blocking, so each handshake runs on its own long-running task; these
/// methods await it. The handshake limit is enforced by closing the channel, which wakes the blocked
/// engine at once — a stalled handshake fails with <see cref="DtlsHandshakeFailure.TimedOut"/> no later
/// than its limit, with its thread finished and its channel closed.
/// </summary>
public static class DtlsSrtpEndpoint
{
    /// <summary>Server role (the edge): waits for the browser's ClientHello on <paramref name="channel"/>.</summary>
    /// <param name="local">Our certificate (its fingerprint went into the SDP answer).</param>
    /// <param name="expectedRemoteSha256">SHA-256 fingerprint from the SDP offer (32 bytes).</param>
    /// <exception cref="DtlsHandshakeException">The handshake failed, timed out, or the channel was closed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static Task<DtlsSrtpResult> AcceptAsync(
        DtlsCertificate local,
        ReadOnlyMemory<byte> expectedRemoteSha256,
        DtlsDatagramChannel channel,
        TimeSpan handshakeTimeout,
        CancellationToken cancellationToken = default) =>
        RunAsync(isClient: false, local, expectedRemoteSha256, channel, WithTimeout(handshakeTimeout), cancellationToken);

    /// <inheritdoc cref="AcceptAsync(DtlsCertificate, ReadOnlyMemory{byte}, DtlsDatagramChannel, TimeSpan, CancellationToken)"/>
    public static Task<DtlsSrtpResult> AcceptAsync(
        DtlsCertificate local,
        ReadOnlyMemory<byte> expectedRemoteSha256,
        DtlsDatagramChannel channel,
        DtlsSrtpOptions options,
        CancellationToken cancellationToken = default) =>
        RunAsync(isClient: false, local, expectedRemoteSha256, channel, options, cancellationToken);

    /// <summary>Client role (our WHEP test client, the benchmark): sends the ClientHello and completes the handshake.</summary>
    /// <param name="local">Our certificate (its fingerprint went into the SDP offer).</param>
    /// <param name="expectedRemoteSha256">SHA-256 fingerprint from the SDP answer (32 bytes).</param>
    /// <exception cref="DtlsHandshakeException">The handshake failed, timed out, or the channel was closed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static Task<DtlsSrtpResult> ConnectAsync(
        DtlsCertificate local,
        ReadOnlyMemory<byte> expectedRemoteSha256,
        DtlsDatagramChannel channel,
        TimeSpan handshakeTimeout,
        CancellationToken cancellationToken = default) =>
        RunAsync(isClient: true, local, expectedRemoteSha256, channel, WithTimeout(handshakeTimeout), cancellationToken);

    /// <inheritdoc cref="ConnectAsync(DtlsCertificate, ReadOnlyMemory{byte}, DtlsDatagramChannel, TimeSpan, CancellationToken)"/>
    public static Task<DtlsSrtpResult> ConnectAsync(
        DtlsCertificate local,
        ReadOnlyMemory<byte> expectedRemoteSha256,
        DtlsDatagramChannel channel,
        DtlsSrtpOptions options,
        CancellationToken cancellationToken = default) =>
        RunAsync(isClient: true, local, expectedRemoteSha256, channel, options, cancellationToken);

    private static DtlsSrtpOptions WithTimeout(TimeSpan handshakeTimeout) => new() { HandshakeTimeout = handshakeTimeout };

    private static async Task<DtlsSrtpResult> RunAsync(
        bool isClient,
        DtlsCertificate local,
        ReadOnlyMemory<byte> expectedRemoteSha256,
        DtlsDatagramChannel channel,
        DtlsSrtpOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (expectedRemoteSha256.Length != DtlsFingerprint.Sha256Length)
        {
            throw new ArgumentException(
                $"the expected remote fingerprint must be a {DtlsFingerprint.Sha256Length}-byte SHA-256", nameof(expectedRemoteSha256));
        }

        var outcome = new HandshakeOutcome(expectedRemoteSha256.Span);
        var crypto = new BcTlsCrypto(new SecureRandom());
        DtlsSrtpClient? client = isClient ? new DtlsSrtpClient(crypto, local, outcome, options) : null;
        DtlsSrtpServer? server = isClient ? null : new DtlsSrtpServer(crypto, local, outcome, options);
        long started = Stopwatch.GetTimestamp();

        Task<DtlsTransport> handshake = Task.Factory.StartNew(
            () => client is not null
                ? new DtlsClientProtocol().Connect(client, channel)
                : new DtlsServerProtocol { VerifyRequests = false }.Accept(server!, channel),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        DtlsTransport? transport = null;
        Exception? error = null;
        using (var deadline = new CancellationTokenSource(options.HandshakeTimeout, options.TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken))
        {
            CancellationTokenRegistration abort = linked.Token.Register(() => channel.Abort(
                cancellationToken.IsCancellationRequested ? ChannelCloseReason.Canceled : ChannelCloseReason.TimedOut));
            try
            {
                transport = await handshake.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                // Waits for a callback already running, so the close reason is settled below.
                abort.Dispose();
            }
        }

        if (error is null && (channel.IsClosed || transport is null))
        {
            error = new DtlsChannelClosedException(); // the limit struck as the handshake finished
        }
        if (error is not null)
        {
            channel.Close();
            throw Classify(error, isClient, channel, outcome, options, cancellationToken);
        }

        channel.Counters.OnHandshakeSucceeded();
        return new DtlsSrtpResult(
            isClient,
            outcome.SrtpProfile,
            outcome.KeyingMaterial!,
            outcome.RemoteSha256!,
            outcome.CipherSuite,
            Stopwatch.GetElapsedTime(started),
            transport!,
            channel);
    }

    /// <summary>Turns whatever ended the handshake thread into one clear, typed error, and counts it.</summary>
    private static Exception Classify(
        Exception error,
        bool isClient,
        DtlsDatagramChannel channel,
        HandshakeOutcome outcome,
        DtlsSrtpOptions options,
        CancellationToken cancellationToken)
    {
        string role = isClient ? "client" : "server";
        DtlsCounters counters = channel.Counters;
        switch (channel.CloseReason)
        {
            case ChannelCloseReason.TimedOut:
                counters.OnHandshakeTimedOut();
                return new DtlsHandshakeException(DtlsHandshakeFailure.TimedOut,
                    $"DTLS handshake ({role}) did not complete within {options.HandshakeTimeout.TotalMilliseconds:0} ms: the peer stopped answering.",
                    error);
            case ChannelCloseReason.Canceled:
                counters.OnHandshakeCanceled();
                return new OperationCanceledException($"DTLS handshake ({role}) was cancelled.", error, cancellationToken);
        }
        if (outcome.Failure is { } failure)
        {
            counters.OnHandshakeFailed();
            short? sent = error is TlsFatalAlert alert ? alert.AlertDescription : null;
            return new DtlsHandshakeException(failure, $"DTLS handshake ({role}) failed: {outcome.FailureMessage}.", error, sent);
        }
        switch (error)
        {
            case TlsFatalAlertReceived received:
                counters.OnHandshakeFailed();
                return new DtlsHandshakeException(DtlsHandshakeFailure.AlertReceived,
                    $"DTLS handshake ({role}) failed: the peer sent fatal alert {AlertDescription.GetText(received.AlertDescription)}.",
                    error, received.AlertDescription);
            case TlsTimeoutException:
                counters.OnHandshakeTimedOut();
                return new DtlsHandshakeException(DtlsHandshakeFailure.TimedOut, $"DTLS handshake ({role}) timed out.", error);
        }
        if (channel.CloseReason == ChannelCloseReason.Closed && error is DtlsChannelClosedException or TlsFatalAlert { InnerException: DtlsChannelClosedException })
        {
            counters.OnHandshakeCanceled();
            return new DtlsHandshakeException(DtlsHandshakeFailure.Closed,
                $"DTLS handshake ({role}) stopped: the channel was closed.", error);
        }
        counters.OnHandshakeFailed();
        return error is TlsFatalAlert raised
            ? new DtlsHandshakeException(DtlsHandshakeFailure.ProtocolError,
                $"DTLS handshake ({role}) failed with alert {AlertDescription.GetText(raised.AlertDescription)}: {raised.Message}", error, raised.AlertDescription)
            : new DtlsHandshakeException(DtlsHandshakeFailure.ProtocolError, $"DTLS handshake ({role}) failed: {error.Message}", error);
    }
}
