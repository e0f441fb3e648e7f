using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class Rfc5769Tests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(Rfc5769Vectors.ShortTermPassword);

    [Fact]
    public void SampleRequest_parses_and_verifies()
    {
        byte[] input = Rfc5769Vectors.Request;
        byte[] before = (byte[])input.Clone();

        Assert.True(StunMessage.TryRead(input, out StunMessage m, out int consumed));

        Assert.Equal(input.Length, consumed);
        Assert.Equal(StunMessageType.BindingRequest, m.MessageType);
        Assert.Equal(StunClass.Request, m.Class);
        Assert.Equal(StunTransactionId.Read(Rfc5769Vectors.TransactionId), m.TransactionId);
        Assert.Equal("evtj:h6vY", m.GetUsername());
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(m.SoftwareBytes));
        Assert.True(m.HasPriority);
        Assert.Equal(0x6e0001ffu, m.Priority);
        Assert.True(m.HasIceControlled);
        Assert.Equal(0x932ff9b151263b36ul, m.IceControlledTieBreaker);
        Assert.False(m.HasIceControlling);
        Assert.False(m.UseCandidate);
        Assert.True(m.VerifyMessageIntegrity(Key));
        Assert.False(m.VerifyMessageIntegrity("wrong password"u8));
        Assert.True(m.VerifyFingerprint());
        Assert.Equal(0, m.UnknownComprehensionRequiredCount);
        Assert.Equal(before, input);
    }

    [Fact]
    public void SampleRequest_reserialises_byte_exact()
    {
        var buffer = new byte[256];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, StunTransactionId.Read(Rfc5769Vectors.TransactionId)));
        Assert.True(w.TryAddAttribute(StunAttributeType.Software, "STUN test client"u8));
        Assert.True(w.TryAddUInt32(StunAttributeType.Priority, 0x6e0001ff));
        Assert.True(w.TryAddUInt64(StunAttributeType.IceControlled, 0x932ff9b151263b36));
        Assert.True(w.TryAddAttribute(StunAttributeType.Username, "evtj:h6vY"u8, padding: 0x20));
        Assert.True(w.TryAddMessageIntegrity(Key));
        Assert.True(w.TryAddFingerprint());

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.Request), Convert.ToHexString(w.WrittenSpan));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SampleResponses_parse_verify_and_reserialise(bool ipv6)
    {
        byte[] input = ipv6 ? Rfc5769Vectors.Ipv6Response : Rfc5769Vectors.Ipv4Response;
        IPAddress expectedAddress = IPAddress.Parse(ipv6 ? "2001:db8:1234:5678:11:2233:4455:6677" : "192.0.2.1");

        Assert.True(StunMessage.TryRead(input, out StunMessage m, out int consumed));
        Assert.Equal(input.Length, consumed);
        Assert.Equal(StunMessageType.BindingSuccessResponse, m.MessageType);
        Assert.Equal(StunClass.SuccessResponse, m.Class);
        Assert.Equal("test vector", Encoding.UTF8.GetString(m.SoftwareBytes));
        Assert.True(m.TryGetXorMappedAddress(out IPEndPoint? mapped));
        Assert.Equal(new IPEndPoint(expectedAddress, 32853), mapped);
        Assert.True(m.VerifyMessageIntegrity(Key));
        Assert.True(m.VerifyFingerprint());

        var buffer = new byte[256];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingSuccessResponse, StunTransactionId.Read(Rfc5769Vectors.TransactionId)));
        Assert.True(w.TryAddAttribute(StunAttributeType.Software, "test vector"u8, padding: 0x20));
        Assert.True(w.TryAddXorMappedAddress(expectedAddress, 32853));
        Assert.True(w.TryAddMessageIntegrity(Key));
        Assert.True(w.TryAddFingerprint());
        Assert.Equal(Convert.ToHexString(input), Convert.ToHexString(w.WrittenSpan));
    }

    [Fact]
    public void LongTermRequest_parses_verifies_with_md5_key_and_reserialises()
    {
        byte[] input = Rfc5769Vectors.LongTermRequest;
        Assert.True(StunMessage.TryRead(input, out StunMessage m, out int consumed));
        Assert.Equal(input.Length, consumed);
        Assert.Equal("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", m.GetUsername());
        Assert.True(m.TryGetAttribute(StunAttributeType.Nonce, out ReadOnlySpan<byte> nonce));
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", Encoding.UTF8.GetString(nonce));
        Assert.True(m.TryGetAttribute(StunAttributeType.Realm, out ReadOnlySpan<byte> realm));
        Assert.Equal("example.org", Encoding.UTF8.GetString(realm));
        Assert.False(m.HasFingerprint);

        // Long-term key = MD5(username ":" realm ":" SASLprep(password)); "TheMatrIX" after SASLprep.
        byte[] key = MD5.HashData(Encoding.UTF8.GetBytes("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org:TheMatrIX"));
        Assert.True(m.VerifyMessageIntegrity(key));

        var buffer = new byte[256];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, m.TransactionId));
        Assert.True(w.TryAddUsername("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9"));
        Assert.True(w.TryAddAttribute(StunAttributeType.Nonce, nonce));
        Assert.True(w.TryAddAttribute(StunAttributeType.Realm, realm));
        Assert.True(w.TryAddMessageIntegrity(key));
        Assert.Equal(Convert.ToHexString(input), Convert.ToHexString(w.WrittenSpan));
    }

    [Fact]
    public void Flipping_any_byte_of_the_request_breaks_integrity_or_fingerprint_or_parse()
    {
        byte[] input = Rfc5769Vectors.Request;
        for (int i = 0; i < input.Length; i++)
        {
            byte[] copy = (byte[])input.Clone();
            copy[i] ^= 0x01;
            bool parsed = StunMessage.TryRead(copy, out StunMessage m, out _);
            bool accepted = parsed && m.VerifyFingerprint() && m.VerifyMessageIntegrity(Key);
            // Padding bytes of USERNAME are covered by both MAC and CRC, so every flip is detected.
            Assert.False(accepted, $"flip at byte {i} went unnoticed");
        }
    }
}
