using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Rtp;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Bench;

/// <summary>
/// The edge's per-viewer send work for one video packet, as edge/VideoRelay.Edge/Fanout/ViewerSender.cs does
/// it, without the socket: map the canonical sequence/timestamp into the viewer's, build the RTP header with
/// <see cref="RtpHeader"/> and the header extensions a Chromium viewer negotiates (transport-wide sequence
/// number, playout-delay 0/0, abs-send-time), bounds-check, copy the 1,150-byte payload behind it and SRTP-protect
/// in place in a send buffer (the edge writes into a UdpBatch slot; same work). One operation = one packet to one viewer; an invocation
/// is 100 of them: with 1 viewer, 100 consecutive packets; with 100 viewers, the next canonical packet to every
/// viewer in turn (each with its own SRTP session, so the cost of touching 100 key schedules shows).
/// <see cref="HeaderAndCopyOnly"/> is the same work without SRTP.
/// </summary>
[MemoryDiagnoser]
public class ViewerSendBenchmarks
{
    public const int PayloadSize = 1150;
    private const int CanonicalHeaderSize = 12;
    private const int TransportCcId = 3;
    private const int PlayoutDelayId = 5;
    private const int AbsSendTimeId = 2;
    private const int MaxDatagram = 1500;
    private const int SendsPerInvoke = 100;

    private Viewer[] _viewers = [];
    private byte[] _canonical = null!;
    private byte[] _scratch = null!;
    private long _index;

    [Params(SrtpProfile.AeadAes128Gcm, SrtpProfile.Aes128CmHmacSha1_80)]
    public SrtpProfile Profile { get; set; }

    [Params(1, 100)]
    public int Viewers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _canonical = new byte[CanonicalHeaderSize + PayloadSize];
        RandomNumberGenerator.Fill(_canonical);
        _canonical[0] = 0x80;
        _canonical[1] = 0;
        _scratch = GC.AllocateArray<byte>(MaxDatagram, pinned: true);
        if (Viewers <= 0 || SendsPerInvoke % Viewers != 0)
        {
            throw new InvalidOperationException($"{nameof(Viewers)} must divide {SendsPerInvoke}");
        }
        _viewers = new Viewer[Viewers];
        for (int i = 0; i < Viewers; i++)
        {
            byte[] material = RandomNumberGenerator.GetBytes(DtlsSrtpKeyMaterial.GetLength(Profile));
            if (!SrtpSession.TryCreate(material, Profile, DtlsSrtpRole.Server, out SrtpSession? session))
            {
                throw new InvalidOperationException($"no SRTP session for {Profile}");
            }
            _viewers[i] = new Viewer(session, (uint)RandomNumberGenerator.GetInt32(int.MaxValue), (ushort)RandomNumberGenerator.GetInt32(65536),
                (uint)RandomNumberGenerator.GetInt32(int.MaxValue));
        }
        SendToAll(srtp: true); // first packet per SSRC creates its SRTP stream state
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (Viewer v in _viewers)
        {
            v.Srtp.Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SendsPerInvoke)]
    public int HeaderCopySrtp() => Run(srtp: true);

    [Benchmark(OperationsPerInvoke = SendsPerInvoke)]
    public int HeaderAndCopyOnly() => Run(srtp: false);

    private int Run(bool srtp)
    {
        int total = 0;
        for (int k = SendsPerInvoke / _viewers.Length; k > 0; k--)
        {
            total += SendToAll(srtp);
        }
        return total;
    }

    private int SendToAll(bool srtp)
    {
        // Next canonical packet: rendition-wide sequence and 90 kHz timestamp, as StreamFanout writes them.
        long index = ++_index;
        BinaryPrimitives.WriteUInt16BigEndian(_canonical.AsSpan(2), (ushort)index);
        BinaryPrimitives.WriteUInt32BigEndian(_canonical.AsSpan(4), (uint)(index / 8 * 3000));
        _canonical[1] = (byte)((index & 7) == 7 ? 0x80 : 0);
        int total = 0;
        Viewer[] viewers = _viewers;
        for (int i = 0; i < viewers.Length; i++)
        {
            total += Send(viewers[i], _canonical, index, srtp);
        }
        return total;
    }

    private int Send(Viewer viewer, ReadOnlySpan<byte> packet, long index, bool srtp)
    {
        ushort seq = (ushort)(viewer.SeqBase + index);
        uint ts = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]) + viewer.TsOffset;
        var header = new RtpHeader
        {
            PayloadType = 96,
            SequenceNumber = seq,
            Timestamp = ts,
            Ssrc = viewer.Ssrc,
            Marker = (packet[1] & 0x80) != 0,
        };
        header.Extensions.TryAddTransportSequenceNumber(TransportCcId, viewer.TransportSeq++);
        header.Extensions.TryAddPlayoutDelay(PlayoutDelayId, 0, 0);
        header.Extensions.TryAddAbsSendTime(AbsSendTimeId, RtpExtensionValues.AbsSendTimeFromUnixNs(Clock.UnixNowNs()));
        Span<byte> buffer = _scratch;
        ReadOnlySpan<byte> payload = packet[CanonicalHeaderSize..];
        if (!header.TryWrite(buffer, out int headerLength) || headerLength + payload.Length + SrtpProfileParameters.MaxOverhead > buffer.Length)
        {
            return -1;
        }
        payload.CopyTo(buffer[headerLength..]);
        if (!srtp)
        {
            return headerLength + payload.Length;
        }
        return viewer.Srtp.Outbound.ProtectRtpInPlace(buffer, headerLength + payload.Length, out int written) == SrtpStatus.Ok ? written : -1;
    }

    private sealed class Viewer(SrtpSession srtp, uint ssrc, ushort seqBase, uint tsOffset)
    {
        public SrtpSession Srtp { get; } = srtp;
        public uint Ssrc { get; } = ssrc;
        public ushort SeqBase { get; } = seqBase;
        public uint TsOffset { get; } = tsOffset;
        public ushort TransportSeq { get; set; }
    }
}
