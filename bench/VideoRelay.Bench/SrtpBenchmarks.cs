using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Bench;

/// <summary>
/// SRTP protect of one 1,200-byte RTP packet (12-byte header + 1,188 bytes of payload) for each profile,
/// from a source buffer into a separate destination (the in-place variant is measured with the header
/// rewrite in <see cref="ViewerSendBenchmarks"/>). Each operation bumps the sequence number, as a real
/// stream does. Keys: random exporter output of the profile's length. Must allocate 0 B.
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    public const int PacketSize = 1200;
    private const int Batch = 64;

    private SrtpSession _session = null!;
    private byte[] _rtp = null!;
    private byte[] _srtp = null!;
    private ushort _seq;

    [Params(SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] material = RandomNumberGenerator.GetBytes(DtlsSrtpKeyMaterial.GetLength(Profile));
        if (!SrtpSession.TryCreate(material, Profile, DtlsSrtpRole.Server, out SrtpSession? session))
        {
            throw new InvalidOperationException($"no SRTP session for {Profile}");
        }
        _session = session;
        _rtp = new byte[PacketSize];
        RandomNumberGenerator.Fill(_rtp);
        _rtp[0] = 0x80;
        _rtp[1] = 96;
        BinaryPrimitives.WriteUInt32BigEndian(_rtp.AsSpan(8), 0x1234_5678);
        _srtp = GC.AllocateArray<byte>(PacketSize + SrtpProfileParameters.MaxOverhead, pinned: true);
        Protect(); // the first packet of an SSRC creates its stream state (the one allocation)
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    /// <summary>Time per packet (a batch of 64 per invocation).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Protect1200()
    {
        int total = 0;
        for (int i = 0; i < Batch; i++)
        {
            total += Protect();
        }
        return total;
    }

    private int Protect()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_rtp.AsSpan(2), ++_seq);
        SrtpStatus status = _session.Outbound.ProtectRtp(_rtp, _srtp, out int written);
        return status == SrtpStatus.Ok ? written : -1;
    }
}
