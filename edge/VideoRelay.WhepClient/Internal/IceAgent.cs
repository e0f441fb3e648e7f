using System.Net;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Ice;

namespace VideoRelay.WhepClient.Internal;

/// <summary>
/// The viewer as the controlling ICE agent (RFC 8445 §7.2) against an ICE-lite server with one host candidate:
/// a nominating Binding request (USE-CANDIDATE) retransmitted until an authenticated success response, then
/// a consent check (RFC 7675) every interval. Requests are written by the receive thread's tick and validated
/// by its STUN path, so one pending transaction at a time needs no lock.
/// </summary>
internal sealed class IceAgent
{
    private const int MaxRequest = 256;
    private static readonly long RetransmitTicks = Clock.Frequency / 20; // 50 ms: loopback/LAN, no pacing needed

    private readonly IceControllingClient _client;
    private readonly WhepViewerCounters _counters;
    private readonly long _consentTicks;
    private readonly uint _priority = IcePriority.Compute(IcePriority.PeerReflexiveTypePreference, 65535, 1);
    private readonly byte[] _request = new byte[MaxRequest];
    private readonly TaskCompletionSource<IPEndPoint> _nominated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requestLength;
    private StunTransactionId _pending;
    private bool _hasPending;
    private long _lastSentTicks;
    private volatile bool _nominating;
    private bool _connected;

    public IceAgent(string localUfrag, string remoteUfrag, string remotePassword, TimeSpan consentInterval, WhepViewerCounters counters)
    {
        _client = new IceControllingClient(localUfrag, remoteUfrag, remotePassword);
        _counters = counters;
        _consentTicks = (long)(consentInterval.TotalSeconds * Clock.Frequency);
    }

    /// <summary>Completes with our XOR-MAPPED-ADDRESS as the server saw it when the nominating check succeeds.</summary>
    public Task<IPEndPoint> Nominated => _nominated.Task;

    /// <summary>Consent: when the last authenticated response arrived (Clock ticks).</summary>
    public long LastResponseTicks { get; private set; }

    /// <summary>Any thread: begin nominating at the next tick.</summary>
    public void StartNomination() => _nominating = true;

    /// <summary>Receive thread: retransmits or starts the next check when due; writes into <paramref name="send"/>.</summary>
    public void Tick(long nowTicks, ViewerSocket send)
    {
        if (!_connected)
        {
            if (!_nominating)
            {
                return;
            }
            if (!_hasPending)
            {
                NewRequest(useCandidate: true);
            }
            else if (nowTicks - _lastSentTicks < RetransmitTicks)
            {
                return;
            }
        }
        else if (nowTicks - _lastSentTicks < _consentTicks)
        {
            return;
        }
        else
        {
            // A consent check; an unanswered one is simply replaced (the server keeps consent on any valid check).
            NewRequest(useCandidate: false);
            Interlocked.Increment(ref _counters._consentChecksSent);
        }
        _lastSentTicks = nowTicks;
        send.Send(_request.AsSpan(0, _requestLength));
    }

    /// <summary>Receive thread: a STUN datagram from the server.</summary>
    public void OnStun(ReadOnlySpan<byte> datagram, long nowTicks)
    {
        if (!_hasPending)
        {
            Interlocked.Increment(ref _counters._stunInvalid);
            return;
        }
        IceResponseStatus status = _client.ValidateResponse(datagram, _pending, out IPEndPoint? mapped, out int errorCode);
        if (status == IceResponseStatus.ErrorResponse)
        {
            _hasPending = false;
            Interlocked.Increment(ref _counters._stunInvalid);
            if (!_connected)
            {
                _nominated.TrySetException(new WhepConnectException($"the server answered our ICE check with error {errorCode}"));
                _nominating = false;
            }
            return;
        }
        if (status != IceResponseStatus.Success)
        {
            Interlocked.Increment(ref _counters._stunInvalid);
            return;
        }
        _hasPending = false;
        LastResponseTicks = nowTicks;
        Interlocked.Increment(ref _counters._stunResponses);
        if (_connected)
        {
            Interlocked.Increment(ref _counters._consentResponses);
            return;
        }
        _connected = true;
        _nominated.TrySetResult(mapped!);
    }

    /// <summary>Stops trying (timeout or dispose).</summary>
    public void Fail(Exception error)
    {
        _nominating = false;
        _nominated.TrySetException(error);
    }

    private void NewRequest(bool useCandidate)
    {
        if (!_client.TryWriteBindingRequest(_request, _priority, useCandidate, out StunTransactionId id, out _requestLength))
        {
            throw new InvalidOperationException("a Binding request does not fit in 256 bytes");
        }
        _pending = id;
        _hasPending = true;
    }
}
