using System.Net;
using BenchmarkDotNet.Attributes;
using VideoRelay.WebRtc.Ice;

namespace VideoRelay.Bench;

/// <summary>
/// One valid ICE connectivity check (a Chromium-shaped Binding request: USERNAME, PRIORITY, ICE-CONTROLLING,
/// USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT) through <see cref="IceLiteAgent{TSession}"/>: parse, CRC-32,
/// credential lookup among 100 sessions, HMAC-SHA1 verify, and the success response with its own HMAC and CRC.
/// </summary>
[MemoryDiagnoser]
public class StunBenchmarks
{
    private IceLiteAgent<object> _agent = null!;
    private byte[] _request = null!;
    private byte[] _response = null!;
    private IPEndPoint _remote = null!;

    [GlobalSetup]
    public void Setup()
    {
        var table = new IceCredentialTable<object>();
        IceCredentials ours = default;
        IceCredentials theirs = default;
        for (int i = 0; i < 100; i++)
        {
            ours = IceCredentials.Generate();
            theirs = IceCredentials.Generate(4, 24);
            if (!table.TryAdd(new IceLocalCredential<object>(ours.Ufrag, ours.Password, new object(), theirs.Ufrag)))
            {
                throw new InvalidOperationException("duplicate ufrag");
            }
        }
        _agent = new IceLiteAgent<object>(table);
        var client = new IceControllingClient(theirs.Ufrag, ours.Ufrag, ours.Password);
        byte[] request = new byte[256];
        if (!client.TryWriteBindingRequest(request, 0x6E7F1EFF, useCandidate: true, out _, out int written))
        {
            throw new InvalidOperationException("request did not fit");
        }
        _request = request[..written];
        _response = new byte[IceLiteAgent<object>.MaxResponseSize];
        _remote = new IPEndPoint(IPAddress.Loopback, 50_000);
        if (Check() <= 0)
        {
            throw new InvalidOperationException("the check was not answered with success");
        }
    }

    [Benchmark]
    public int Check()
    {
        IceCheckResult<object> result = _agent.Process(_request, _remote, _response);
        return result.Outcome == IceCheckOutcome.Success ? result.ResponseLength : -1;
    }
}
