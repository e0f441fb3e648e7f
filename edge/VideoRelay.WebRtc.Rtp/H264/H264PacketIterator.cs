using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.H264;

/// <summary>
/// Splits one H.264 access unit (AVCC: NAL units each prefixed by a 4-byte big-endian length) into RTP
/// payloads per RFC 6184 packetization-mode 1, without allocating.
/// </summary>
/// <remarks>
/// Order of output: for a keyframe with SPS and PPS given, first a STAP-A carrying both (or, when the pair
/// does not fit, each as an ordinary NAL: single or FU-A); then each NAL of the access unit as a single-NAL-unit packet when it fits
/// in <c>maxPayloadSize</c>, else as FU-A fragments. Access-unit delimiters (type 9) and empty NALs are
/// dropped; SEI (type 6) is kept. The marker is set on the last payload of the access unit.
/// An access unit with a malformed AVCC length yields nothing and sets <see cref="Status"/>
/// (it is validated whole up front, so a bad one never produces a partial, marker-terminated burst).
/// <code>
/// STAP-A (RFC 6184 §5.7.1)                       FU-A (RFC 6184 §5.8)
///  +---------------+---------------+----- -       +---------------+---------------+-------- -
///  |F|NRI|  Type=24| NALU 1 size   | NALU 1 …     |F|NRI|  Type=28|S|E|R|  Type   | fragment …
///  +---------------+---------------+----- -       +---------------+---------------+-------- -
///   NALU sizes are 16-bit big-endian                FU indicator    FU header (S start, E end)
/// </code>
/// Usage: <c>var it = new H264PacketIterator(au, sps, pps, keyframe, 1168);
/// while (it.TryNext(dst, out int n, out bool marker)) { … }</c>.
/// </remarks>
public ref struct H264PacketIterator
{
    /// <summary>1200 bytes of datagram budget − 12 RTP header − 20 bytes of header extensions.</summary>
    public const int DefaultMaxPayloadSize = 1168;

    /// <summary>Smallest usable payload size: an FU-A needs 2 header bytes and 1 data byte.</summary>
    public const int MinPayloadSize = 3;

    private const int LengthPrefix = 4;
    private const int StapAHeader = 1;
    private const int StapASizeField = 2;
    private const int FuHeaders = 2;

    private readonly ReadOnlySpan<byte> _au;
    private readonly ReadOnlySpan<byte> _sps;
    private readonly ReadOnlySpan<byte> _pps;
    private readonly int _maxPayload;
    private bool _stapPending;     // SPS+PPS STAP-A still to send
    private int _separateParameterSets; // 2: SPS then PPS still to send as ordinary NALs, 1: PPS, 0: none
    private int _nextNal;          // offset of the next AVCC length prefix in _au (after the current NAL)
    private ReadOnlySpan<byte> _nal; // NAL being emitted (current), empty when none
    private int _fragmentOffset;   // FU-A progress inside _nal (0 = not started)

    public H264PacketIterator(ReadOnlySpan<byte> avccAccessUnit, ReadOnlySpan<byte> sps, ReadOnlySpan<byte> pps,
        bool keyframe, int maxPayloadSize = DefaultMaxPayloadSize)
    {
        if (maxPayloadSize < MinPayloadSize)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxPayloadSize), maxPayloadSize, "must be at least 3");
        }
        _au = avccAccessUnit;
        _sps = sps;
        _pps = pps;
        _maxPayload = maxPayloadSize;
        bool sendParameterSets = keyframe && !sps.IsEmpty && !pps.IsEmpty;
        int stapSize = StapAHeader + StapASizeField + sps.Length + StapASizeField + pps.Length;
        _stapPending = sendParameterSets && stapSize <= maxPayloadSize && sps.Length <= ushort.MaxValue && pps.Length <= ushort.MaxValue;
        _separateParameterSets = sendParameterSets && !_stapPending ? 2 : 0;
        _nextNal = 0;
        _nal = default;
        _fragmentOffset = 0;
        Status = IsWellFormed(avccAccessUnit) ? H264PacketizeStatus.Ok : H264PacketizeStatus.Malformed;
        if (Status == H264PacketizeStatus.Ok)
        {
            LoadNextNal();
        }
    }

    /// <summary>True when every AVCC length prefix of <paramref name="avccAccessUnit"/> stays inside it.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> avccAccessUnit)
    {
        int o = 0;
        while (o < avccAccessUnit.Length)
        {
            if (avccAccessUnit.Length - o < LengthPrefix)
            {
                return false;
            }
            uint length = BinaryPrimitives.ReadUInt32BigEndian(avccAccessUnit[o..]);
            if (length > (uint)(avccAccessUnit.Length - o - LengthPrefix))
            {
                return false;
            }
            o += LengthPrefix + (int)length;
        }
        return true;
    }

    /// <summary><see cref="H264PacketizeStatus.Ok"/> unless the access unit is malformed or a destination was too small.</summary>
    public H264PacketizeStatus Status { get; private set; }

    /// <summary>
    /// Writes the next payload into <paramref name="dst"/> (which should hold <c>maxPayloadSize</c> bytes).
    /// False at the end of the access unit, on malformed input, or when <paramref name="dst"/> is too small
    /// (see <see cref="Status"/>; the iterator does not advance in that case).
    /// </summary>
    public bool TryNext(Span<byte> dst, out int written, out bool marker)
    {
        written = 0;
        marker = false;
        if (Status == H264PacketizeStatus.Malformed)
        {
            return false;
        }
        Status = H264PacketizeStatus.Ok;
        if (_stapPending)
        {
            return TryWriteStapA(dst, out written, out marker);
        }
        if (_nal.IsEmpty)
        {
            return false;
        }
        if (_nal.Length <= _maxPayload && _fragmentOffset == 0)
        {
            if (dst.Length < _nal.Length)
            {
                return TooSmall();
            }
            _nal.CopyTo(dst);
            written = _nal.Length;
            LoadNextNal();
            marker = _nal.IsEmpty;
            return true;
        }
        return TryWriteFragment(dst, out written, out marker);
    }

    private bool TryWriteStapA(Span<byte> dst, out int written, out bool marker)
    {
        marker = false;
        written = 0;
        int size = StapAHeader + StapASizeField + _sps.Length + StapASizeField + _pps.Length;
        if (dst.Length < size)
        {
            return TooSmall();
        }
        // F is the OR of the units' F bits, NRI their maximum (RFC 6184 §5.7).
        dst[0] = (byte)((_sps[0] & 0x80) | (_pps[0] & 0x80) | Math.Max(_sps[0] & 0x60, _pps[0] & 0x60) | H264NalType.StapA);
        int o = StapAHeader;
        o += WriteStapAUnit(dst[o..], _sps);
        o += WriteStapAUnit(dst[o..], _pps);
        written = o;
        _stapPending = false;
        marker = _nal.IsEmpty;
        return true;
    }

    private static int WriteStapAUnit(Span<byte> dst, ReadOnlySpan<byte> nal)
    {
        BinaryPrimitives.WriteUInt16BigEndian(dst, (ushort)nal.Length);
        nal.CopyTo(dst[StapASizeField..]);
        return StapASizeField + nal.Length;
    }

    private bool TryWriteFragment(Span<byte> dst, out int written, out bool marker)
    {
        marker = false;
        written = 0;
        bool start = _fragmentOffset == 0;
        if (start)
        {
            _fragmentOffset = 1; // the NAL header byte travels in the FU indicator/header, not the data
        }
        int chunk = Math.Min(_maxPayload - FuHeaders, _nal.Length - _fragmentOffset);
        if (dst.Length < FuHeaders + chunk)
        {
            if (start)
            {
                _fragmentOffset = 0;
            }
            return TooSmall();
        }
        bool end = _fragmentOffset + chunk == _nal.Length;
        byte header = _nal[0];
        dst[0] = (byte)((header & 0xE0) | H264NalType.FuA);
        dst[1] = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | (header & 0x1F));
        _nal.Slice(_fragmentOffset, chunk).CopyTo(dst[FuHeaders..]);
        _fragmentOffset += chunk;
        written = FuHeaders + chunk;
        if (end)
        {
            LoadNextNal();
            marker = _nal.IsEmpty;
        }
        return true;
    }

    /// <summary>Moves <see cref="_nal"/> to the next NAL that is sent (skipping AUDs and empty NALs).</summary>
    private void LoadNextNal()
    {
        _fragmentOffset = 0;
        if (_separateParameterSets > 0)
        {
            _nal = _separateParameterSets-- == 2 ? _sps : _pps;
            return;
        }
        while (_nextNal < _au.Length)
        {
            if (_au.Length - _nextNal < LengthPrefix)
            {
                Malformed();
                return;
            }
            uint length = BinaryPrimitives.ReadUInt32BigEndian(_au[_nextNal..]);
            int start = _nextNal + LengthPrefix;
            if (length > (uint)(_au.Length - start))
            {
                Malformed();
                return;
            }
            _nextNal = start + (int)length;
            if (length == 0 || H264NalType.Of(_au[start]) == H264NalType.AccessUnitDelimiter)
            {
                continue;
            }
            _nal = _au.Slice(start, (int)length);
            return;
        }
        _nal = default;
    }

    private void Malformed()
    {
        Status = H264PacketizeStatus.Malformed;
        _nal = default;
    }

    private bool TooSmall()
    {
        Status = H264PacketizeStatus.DestinationTooSmall;
        return false;
    }
}
