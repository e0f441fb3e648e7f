using System.Net;
using CsCheck;

namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class StunFuzzTests
{
    private static readonly IceLiteAgent<object> Agent = CreateAgent();

    private static IceLiteAgent<object> CreateAgent()
    {
        var table = new IceCredentialTable<object>();
        table.TryAdd(new IceLocalCredential<object>("evtj", "VOkJxbRl1RmTxUk/WvJxBt", new object()));
        return new IceLiteAgent<object>(table);
    }

    private static void Exercise(byte[] bytes)
    {
        if (StunMessage.TryRead(bytes, out StunMessage m, out int consumed))
        {
            Assert.InRange(consumed, 20, bytes.Length);
            _ = m.VerifyFingerprint();
            _ = m.VerifyMessageIntegrity("x"u8);
            _ = m.GetUsername();
            _ = m.TryGetXorMappedAddress(out IPEndPoint? _);
            _ = m.TryGetErrorCode(out _, out _);
            _ = m.TryGetAttribute(StunAttributeType.Realm, out _);
        }
        Span<byte> response = stackalloc byte[IceLiteAgent<object>.MaxResponseSize];
        _ = Agent.Process(bytes, new IPEndPoint(IPAddress.Loopback, 1), response);
        _ = DatagramClassifier.Classify(bytes);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(Exercise, iter: 20_000);
    }

    [Fact]
    public void Random_bytes_behind_a_valid_header_never_throw()
    {
        // Keep a plausible header so the attribute walker is what gets fuzzed.
        Gen.Byte.Array[0, 120].Select(Gen.Byte).Sample(t =>
        {
            (byte[] body, byte type) = t;
            var bytes = new byte[20 + body.Length];
            bytes[1] = (byte)(type & 0x3F);
            bytes[2] = (byte)(body.Length >> 8);
            bytes[3] = (byte)body.Length;
            bytes[4] = 0x21; bytes[5] = 0x12; bytes[6] = 0xA4; bytes[7] = 0x42;
            body.CopyTo(bytes, 20);
            Exercise(bytes);
        }, iter: 20_000);
    }

    [Fact]
    public void Mutated_rfc5769_request_never_throws()
    {
        Gen.Int[0, Rfc5769Vectors.Request.Length - 1].Array[1, 6].Select(Gen.Byte.Array[6]).Sample(t =>
        {
            (int[] positions, byte[] values) = t;
            byte[] copy = (byte[])Rfc5769Vectors.Request.Clone();
            for (int i = 0; i < positions.Length; i++)
            {
                copy[positions[i]] = values[i];
            }
            Exercise(copy);
        }, iter: 20_000);
    }
}
