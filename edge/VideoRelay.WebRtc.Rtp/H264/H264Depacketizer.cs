using System.Buffers.Binary;
using System.Diagnostics;

namespace VideoRelay.WebRtc.Rtp.H264;

/// <summary>
/// Reassembles RFC 6184 (packetization-mode 1: single NAL unit, STAP-A, FU-A) RTP payloads into one AVCC
/// access unit (NAL units each prefixed by a 4-byte big-endian length) in a caller-provided buffer.
/// </summary>
/// <remarks>
/// Design: there is no jitter buffer. A sequence gap damages the access unit in progress and the one
/// the first packet after the gap belongs to (the lost packets may have started it) — unless that packet
/// has a new timestamp and begins with an SPS (alone or first in a STAP-A), the way a keyframe's unit
/// starts, so recovery does not cost a second keyframe. Damaged units are dropped and the depacketizer then waits for an access unit holding an IDR slice or an SPS before it emits again
/// (<see cref="NeedsKeyframe"/> tells the caller to ask for one, e.g. with a PLI). It starts out waiting too.
/// An access unit ends at the marker bit; a timestamp change without a marker drops the unfinished unit.
/// SPS and PPS NAL units seen in the stream are kept (<see cref="Sps"/>, <see cref="Pps"/>).
/// Single-threaded.
/// </remarks>
[DebuggerDisplay("emitted={AccessUnitsEmitted} dropped={AccessUnitsDropped} lost={PacketsLost}")]
public sealed class H264Depacketizer : IRtpDepacketizer
{
    /// <summary>Largest SPS or PPS kept (longer ones pass through but are not remembered).</summary>
    public const int MaxParameterSetSize = 256;

    private const int LengthPrefix = 4;

    private readonly byte[] _sps = new byte[MaxParameterSetSize];
    private readonly byte[] _pps = new byte[MaxParameterSetSize];
    private int _spsLength;
    private int _ppsLength;

    private Memory<byte> _output;
    private SequenceGapDetector _sequence;
    private bool _auActive;
    private bool _auDamaged;
    private uint _auTimestamp;
    private uint _lastTimestamp;
    private int _length;
    private int _fuStart = -1; // offset of the length prefix of the FU-A NAL being reassembled
    private bool _hasIdr;
    private bool _hasSps;

    public H264Depacketizer(Memory<byte> output = default)
    {
        _output = output;
    }

    /// <summary>True until an access unit with an IDR or SPS has been emitted after start or after loss.</summary>
    public bool NeedsKeyframe { get; private set; } = true;

    /// <summary>The last SPS NAL unit seen (empty when none yet).</summary>
    public ReadOnlySpan<byte> Sps => _sps.AsSpan(0, _spsLength);

    /// <summary>The last PPS NAL unit seen (empty when none yet).</summary>
    public ReadOnlySpan<byte> Pps => _pps.AsSpan(0, _ppsLength);

    /// <summary>Increments whenever <see cref="Sps"/> or <see cref="Pps"/> changes.</summary>
    public int ParameterSetVersion { get; private set; }

    public long PacketsLost { get; private set; }
    public long LossEvents { get; private set; }
    public long LatePackets { get; private set; }
    public long AccessUnitsEmitted { get; private set; }
    public long AccessUnitsDropped { get; private set; }
    public long MalformedPackets { get; private set; }
    public long Overflows { get; private set; }
    public long MissingMarkers { get; private set; }

    public void SetOutput(Memory<byte> buffer)
    {
        _output = buffer;
        if (_auActive && _length > 0)
        {
            Damage(); // the bytes written so far stayed in the old buffer
        }
    }

    public DepacketizeResult Push(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        int lost = _sequence.Observe(sequenceNumber);
        if (lost < 0)
        {
            LatePackets++;
            return DepacketizeResult.Of(DepacketizeStatus.Discarded, 0);
        }
        if (lost > 0)
        {
            PacketsLost += lost;
            LossEvents++;
            if (_auActive && !_auDamaged)
            {
                AccessUnitsDropped++;
            }
            bool cleanStart = timestamp != _lastTimestamp && StartsWithSps(payload);
            BeginAccessUnit(timestamp);
            if (!cleanStart)
            {
                Damage();
            }
            NeedsKeyframe = true;
        }
        else if (_auActive && timestamp != _auTimestamp)
        {
            if (!_auDamaged)
            {
                MissingMarkers++;
                AccessUnitsDropped++;
                NeedsKeyframe = true;
            }
            _auActive = false;
        }
        if (!_auActive)
        {
            BeginAccessUnit(timestamp);
        }

        _lastTimestamp = timestamp;
        DepacketizeStatus status;
        if (_auDamaged)
        {
            status = DepacketizeStatus.Discarded;
        }
        else
        {
            status = ParsePayload(payload);
            if (status != DepacketizeStatus.Buffered)
            {
                if (status == DepacketizeStatus.Malformed)
                {
                    MalformedPackets++;
                }
                else
                {
                    Overflows++;
                }
                AccessUnitsDropped++;
                Damage();
            }
        }
        if (!marker)
        {
            return DepacketizeResult.Of(status, lost);
        }
        return EndAccessUnit(status, lost);
    }

    private DepacketizeResult EndAccessUnit(DepacketizeStatus status, int lost)
    {
        _auActive = false;
        if (_auDamaged)
        {
            return DepacketizeResult.Of(status, lost);
        }
        if (_fuStart >= 0)
        {
            MalformedPackets++; // marker inside a fragmented NAL
            AccessUnitsDropped++;
            NeedsKeyframe = true;
            return DepacketizeResult.Of(DepacketizeStatus.Malformed, lost);
        }
        if (_length == 0)
        {
            return DepacketizeResult.Of(DepacketizeStatus.Discarded, lost);
        }
        if (NeedsKeyframe && !_hasIdr && !_hasSps)
        {
            AccessUnitsDropped++;
            return DepacketizeResult.Of(DepacketizeStatus.Discarded, lost);
        }
        NeedsKeyframe = false;
        AccessUnitsEmitted++;
        return new DepacketizeResult(DepacketizeStatus.FrameReady, lost, _length, _auTimestamp, _hasIdr);
    }

    /// <summary>An SPS (alone or first in a STAP-A) is how an encoder starts a keyframe's access unit.</summary>
    private static bool StartsWithSps(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }
        int type = H264NalType.Of(payload[0]);
        return type == H264NalType.Sps || (type == H264NalType.StapA && payload.Length > 3 && H264NalType.Of(payload[3]) == H264NalType.Sps);
    }

    private void BeginAccessUnit(uint timestamp)
    {
        _auActive = true;
        _auDamaged = false;
        _auTimestamp = timestamp;
        _length = 0;
        _fuStart = -1;
        _hasIdr = false;
        _hasSps = false;
    }

    private void Damage()
    {
        _auDamaged = true;
        _fuStart = -1;
        NeedsKeyframe = true;
    }

    private DepacketizeStatus ParsePayload(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return DepacketizeStatus.Malformed;
        }
        int type = H264NalType.Of(payload[0]);
        if (type == H264NalType.FuA)
        {
            return ParseFuA(payload);
        }
        if (_fuStart >= 0)
        {
            return DepacketizeStatus.Malformed; // a fragmented NAL was interrupted
        }
        if (type is >= 1 and <= 23)
        {
            return AppendNal(payload);
        }
        if (type == H264NalType.StapA)
        {
            int o = 1;
            while (o < payload.Length)
            {
                if (payload.Length - o < 2)
                {
                    return DepacketizeStatus.Malformed;
                }
                int size = BinaryPrimitives.ReadUInt16BigEndian(payload[o..]);
                o += 2;
                if (size == 0 || size > payload.Length - o)
                {
                    return DepacketizeStatus.Malformed;
                }
                DepacketizeStatus s = AppendNal(payload.Slice(o, size));
                if (s != DepacketizeStatus.Buffered)
                {
                    return s;
                }
                o += size;
            }
            return o == 1 ? DepacketizeStatus.Malformed : DepacketizeStatus.Buffered;
        }
        return DepacketizeStatus.Malformed; // STAP-B, MTAP, FU-B and reserved types are not in mode 1
    }

    private DepacketizeStatus ParseFuA(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 3)
        {
            return DepacketizeStatus.Malformed;
        }
        byte fuHeader = payload[1];
        bool start = (fuHeader & 0x80) != 0;
        bool end = (fuHeader & 0x40) != 0;
        if (start == (_fuStart >= 0) || (start && end))
        {
            return DepacketizeStatus.Malformed; // start inside a NAL, continuation without a start, or S and E together
        }
        Span<byte> output = _output.Span;
        ReadOnlySpan<byte> data = payload[2..];
        if (start)
        {
            if (output.Length - _length < LengthPrefix + 1 + data.Length)
            {
                return DepacketizeStatus.Overflow;
            }
            _fuStart = _length;
            output[_length + LengthPrefix] = (byte)((payload[0] & 0xE0) | (fuHeader & 0x1F));
            _length += LengthPrefix + 1;
        }
        else if (H264NalType.Of(output[_fuStart + LengthPrefix]) != H264NalType.Of(fuHeader))
        {
            return DepacketizeStatus.Malformed;
        }
        if (output.Length - _length < data.Length)
        {
            return DepacketizeStatus.Overflow;
        }
        data.CopyTo(output[_length..]);
        _length += data.Length;
        if (end)
        {
            int nalLength = _length - _fuStart - LengthPrefix;
            BinaryPrimitives.WriteUInt32BigEndian(output[_fuStart..], (uint)nalLength);
            OnNal(output.Slice(_fuStart + LengthPrefix, nalLength));
            _fuStart = -1;
        }
        return DepacketizeStatus.Buffered;
    }

    private DepacketizeStatus AppendNal(ReadOnlySpan<byte> nal)
    {
        Span<byte> output = _output.Span;
        if (output.Length - _length < LengthPrefix + nal.Length)
        {
            return DepacketizeStatus.Overflow;
        }
        BinaryPrimitives.WriteUInt32BigEndian(output[_length..], (uint)nal.Length);
        nal.CopyTo(output[(_length + LengthPrefix)..]);
        _length += LengthPrefix + nal.Length;
        OnNal(nal);
        return DepacketizeStatus.Buffered;
    }

    private void OnNal(ReadOnlySpan<byte> nal)
    {
        switch (H264NalType.Of(nal[0]))
        {
            case H264NalType.IdrSlice:
                _hasIdr = true;
                break;
            case H264NalType.Sps:
                _hasSps = true;
                Remember(nal, _sps, ref _spsLength);
                break;
            case H264NalType.Pps:
                Remember(nal, _pps, ref _ppsLength);
                break;
        }
    }

    private void Remember(ReadOnlySpan<byte> nal, byte[] store, ref int length)
    {
        if (nal.Length > store.Length || nal.SequenceEqual(store.AsSpan(0, length)))
        {
            return;
        }
        nal.CopyTo(store);
        length = nal.Length;
        ParameterSetVersion++;
    }
}
