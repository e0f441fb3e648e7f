using System.Net;
using System.Text;

namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class IceLiteAgentTests
{
    private sealed class Session
    {
        public string Name { get; init; } = "";
    }

    private const string LocalUfrag = "srvU";
    private const string LocalPassword = "serverpassword+/0123456789";
    private const string RemoteUfrag = "brws";
    private static readonly IPEndPoint Remote = new(IPAddress.Parse("192.0.2.7"), 54321);

    private readonly Session _session = new() { Name = "viewer-1" };
    private readonly IceCredentialTable<Session> _table = new();
    private readonly IceLiteAgent<Session> _agent;
    private readonly IceControllingClient _client = new(RemoteUfrag, LocalUfrag, LocalPassword, tieBreaker: 0x1122334455667788);

    public IceLiteAgentTests()
    {
        Assert.True(_table.TryAdd(new IceLocalCredential<Session>(LocalUfrag, LocalPassword, _session, RemoteUfrag)));
        _agent = new IceLiteAgent<Session>(_table);
    }

    private byte[] Request(bool useCandidate, out StunTransactionId tx, uint priority = 1845501695)
    {
        var buffer = new byte[256];
        Assert.True(_client.TryWriteBindingRequest(buffer, priority, useCandidate, out tx, out int n));
        return buffer[..n];
    }

    private static byte[] Build(Action<StunWriterBox> build)
    {
        var box = new StunWriterBox();
        build(box);
        return box.Bytes;
    }

    /// <summary>Lets tests script a request with arbitrary attributes.</summary>
    private sealed class StunWriterBox
    {
        public byte[] Bytes { get; private set; } = [];

        public void Write(StunTransactionId tx, string? username, string? password, bool priority = true,
            bool controlling = true, bool controlled = false, bool fingerprint = true, ushort extraRequired = 0)
        {
            var buffer = new byte[256];
            var w = new StunWriter(buffer);
            Assert.True(w.TryBegin(StunMessageType.BindingRequest, tx));
            if (username is not null)
            {
                Assert.True(w.TryAddUsername(username));
            }
            if (priority)
            {
                Assert.True(w.TryAddUInt32(StunAttributeType.Priority, 100));
            }
            if (controlling)
            {
                Assert.True(w.TryAddUInt64(StunAttributeType.IceControlling, 5));
            }
            if (controlled)
            {
                Assert.True(w.TryAddUInt64(StunAttributeType.IceControlled, 6));
            }
            if (extraRequired != 0)
            {
                Assert.True(w.TryAddAttribute(extraRequired, [1, 2, 3, 4]));
            }
            if (password is not null)
            {
                Assert.True(w.TryAddMessageIntegrity(Encoding.UTF8.GetBytes(password)));
            }
            if (fingerprint)
            {
                Assert.True(w.TryAddFingerprint());
            }
            Bytes = buffer[..w.Written];
        }
    }

    private IceCheckResult<Session> Process(byte[] datagram, out byte[] response)
    {
        var buffer = new byte[IceLiteAgent<Session>.MaxResponseSize];
        IceCheckResult<Session> result = _agent.Process(datagram, Remote, buffer);
        response = buffer[..result.ResponseLength];
        return result;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Client_request_agent_response_client_validation_round_trip(bool useCandidate)
    {
        byte[] request = Request(useCandidate, out StunTransactionId tx);

        IceCheckResult<Session> result = Process(request, out byte[] response);

        Assert.Equal(IceCheckOutcome.Success, result.Outcome);
        Assert.Same(_session, result.Session);
        Assert.Equal(useCandidate, result.UseCandidate);
        Assert.Equal(1845501695u, result.Priority);
        Assert.Equal(IceResponseStatus.Success, _client.ValidateResponse(response, tx, out IPEndPoint? mapped, out _));
        Assert.Equal(Remote, mapped);
        Assert.Equal(IceResponseStatus.TransactionMismatch,
            _client.ValidateResponse(response, StunTransactionId.NewRandom(), out _, out _));
    }

    [Fact]
    public void Response_carries_integrity_with_the_local_password_and_a_fingerprint()
    {
        byte[] request = Request(true, out StunTransactionId tx);
        Process(request, out byte[] response);
        Assert.True(StunMessage.TryRead(response, out StunMessage m, out _));
        Assert.Equal(StunMessageType.BindingSuccessResponse, m.MessageType);
        Assert.Equal(tx, m.TransactionId);
        Assert.True(m.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalPassword)));
        Assert.True(m.VerifyFingerprint());
        var wrongClient = new IceControllingClient(RemoteUfrag, LocalUfrag, "another password 0123456789");
        Assert.Equal(IceResponseStatus.BadIntegrity, wrongClient.ValidateResponse(response, tx, out _, out _));
    }

    [Fact]
    public void Ipv6_and_v4_mapped_sources_are_reflected()
    {
        byte[] request = Request(false, out StunTransactionId tx);
        var buffer = new byte[IceLiteAgent<Session>.MaxResponseSize];
        var v6 = new IPEndPoint(IPAddress.Parse("2001:db8::42"), 40000);
        IceCheckResult<Session> r = _agent.Process(request, v6, buffer);
        Assert.Equal(IceResponseStatus.Success, _client.ValidateResponse(buffer.AsSpan(0, r.ResponseLength), tx, out IPEndPoint? mapped, out _));
        Assert.Equal(v6, mapped);

        var mappedV4 = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 40001);
        r = _agent.Process(request, mappedV4, buffer);
        Assert.Equal(IceResponseStatus.Success, _client.ValidateResponse(buffer.AsSpan(0, r.ResponseLength), tx, out mapped, out _));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40001), mapped);
    }

    [Fact]
    public void Missing_username_or_integrity_gets_unauthenticated_400()
    {
        var tx = StunTransactionId.NewRandom();
        byte[] noIntegrity = Build(b => b.Write(tx, $"{LocalUfrag}:{RemoteUfrag}", null));
        IceCheckResult<Session> r = Process(noIntegrity, out byte[] response);
        Assert.Equal(IceCheckOutcome.ErrorResponse, r.Outcome);
        Assert.Equal(400, r.ErrorCode);
        Assert.Null(r.Session);
        Assert.Equal(IceResponseStatus.ErrorResponse, _client.ValidateResponse(response, tx, out _, out int code));
        Assert.Equal(400, code);
        Assert.True(StunMessage.TryRead(response, out StunMessage m, out _));
        Assert.False(m.HasMessageIntegrity);
        Assert.True(m.VerifyFingerprint());

        byte[] noUsername = Build(b => b.Write(tx, null, LocalPassword));
        Assert.Equal(400, Process(noUsername, out _).ErrorCode);
    }

    [Theory]
    [InlineData("nope:brws", LocalPassword)]             // unknown local ufrag
    [InlineData("srvU:zzzz", LocalPassword)]             // remote ufrag not the offer's
    [InlineData("srvU", LocalPassword)]                  // no colon
    [InlineData(":brws", LocalPassword)]                 // empty local ufrag
    [InlineData("srvU:brws", "wrong password 01234567")] // bad integrity
    public void Bad_credentials_get_401(string username, string password)
    {
        var tx = StunTransactionId.NewRandom();
        byte[] request = Build(b => b.Write(tx, username, password));
        IceCheckResult<Session> r = Process(request, out byte[] response);
        Assert.Equal(IceCheckOutcome.ErrorResponse, r.Outcome);
        Assert.Equal(401, r.ErrorCode);
        Assert.Null(r.Session);
        Assert.Equal(IceResponseStatus.ErrorResponse, _client.ValidateResponse(response, tx, out _, out int code));
        Assert.Equal(401, code);
    }

    [Fact]
    public void Role_conflict_gets_authenticated_487()
    {
        var tx = StunTransactionId.NewRandom();
        byte[] request = Build(b => b.Write(tx, $"{LocalUfrag}:{RemoteUfrag}", LocalPassword, controlling: false, controlled: true));
        IceCheckResult<Session> r = Process(request, out byte[] response);
        Assert.Equal(487, r.ErrorCode);
        Assert.Same(_session, r.Session);
        Assert.True(StunMessage.TryRead(response, out StunMessage m, out _));
        Assert.True(m.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalPassword)));
        Assert.Equal(IceResponseStatus.ErrorResponse, _client.ValidateResponse(response, tx, out _, out int code));
        Assert.Equal(487, code);
    }

    [Fact]
    public void Unknown_comprehension_required_attribute_gets_420_listing_it()
    {
        var tx = StunTransactionId.NewRandom();
        byte[] request = Build(b => b.Write(tx, $"{LocalUfrag}:{RemoteUfrag}", LocalPassword, extraRequired: 0x7ABC));
        IceCheckResult<Session> r = Process(request, out byte[] response);
        Assert.Equal(420, r.ErrorCode);
        Assert.True(StunMessage.TryRead(response, out StunMessage m, out _));
        Assert.True(m.TryGetAttribute(StunAttributeType.UnknownAttributes, out ReadOnlySpan<byte> list));
        Assert.Equal(new byte[] { 0x7A, 0xBC }, list.ToArray());
    }

    [Fact]
    public void Missing_priority_gets_400()
    {
        var tx = StunTransactionId.NewRandom();
        byte[] request = Build(b => b.Write(tx, $"{LocalUfrag}:{RemoteUfrag}", LocalPassword, priority: false));
        Assert.Equal(400, Process(request, out _).ErrorCode);
    }

    [Fact]
    public void Silently_drops_what_rfc8445_says_to_drop()
    {
        var tx = StunTransactionId.NewRandom();
        byte[] valid = Request(false, out _);

        Assert.Equal(IceDropReason.NotStun, Process([0x80, 96, 0, 1], out _).DropReason);
        Assert.Equal(IceDropReason.NotStun, Process(new byte[40], out _).DropReason);

        byte[] truncated = valid[..^4];
        IceCheckResult<Session> r = Process(truncated, out _);
        Assert.Equal(IceDropReason.Malformed, r.DropReason);
        Assert.Equal(StunParseError.Truncated, r.ParseError);

        Assert.Equal(IceDropReason.TrailingBytes, Process([.. valid, 0, 0, 0, 0], out _).DropReason);

        byte[] noFingerprint = Build(b => b.Write(tx, $"{LocalUfrag}:{RemoteUfrag}", LocalPassword, fingerprint: false));
        Assert.Equal(IceDropReason.MissingFingerprint, Process(noFingerprint, out _).DropReason);

        byte[] badFingerprint = (byte[])valid.Clone();
        badFingerprint[^1] ^= 0xFF;
        Assert.Equal(IceDropReason.BadFingerprint, Process(badFingerprint, out _).DropReason);

        byte[] indication = (byte[])valid.Clone();
        indication[1] = 0x11;
        Assert.Equal(IceDropReason.Indication, Process(indication, out _).DropReason);

        byte[] response = (byte[])valid.Clone();
        response[0] = 0x01;
        response[1] = 0x01;
        Assert.Equal(IceDropReason.UnexpectedResponse, Process(response, out _).DropReason);

        byte[] allocate = (byte[])valid.Clone();
        allocate[1] = 0x03; // TURN Allocate request
        Assert.Equal(IceDropReason.UnsupportedMethod, Process(allocate, out _).DropReason);

        var small = new byte[40];
        Assert.Equal(IceDropReason.ResponseBufferTooSmall, _agent.Process(valid, Remote, small).DropReason);
    }

    [Fact]
    public void Removed_session_is_no_longer_authenticated()
    {
        Assert.True(_table.Remove(LocalUfrag));
        byte[] request = Request(true, out _);
        Assert.Equal(401, Process(request, out _).ErrorCode);
    }

    [Fact]
    public void Valid_check_allocates_nothing()
    {
        byte[] request = Request(true, out _);
        var response = new byte[IceLiteAgent<Session>.MaxResponseSize];
        for (int i = 0; i < 100; i++)
        {
            _agent.Process(request, Remote, response); // warm up (JIT, OpenSSL handles)
        }
        // Steady state: up to three windows, so a JIT tier-up landing mid-loop on a busy machine is not counted.
        long allocated = -1;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                _agent.Process(request, Remote, response);
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(0, allocated);
    }
}
