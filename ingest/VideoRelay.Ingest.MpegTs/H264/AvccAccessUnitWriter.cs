using System.Buffers.Binary;
using VideoRelay.Core.Buffers;
using VideoRelay.Ingest.MpegTs.Pes;

namespace VideoRelay.Ingest.MpegTs.H264;

/// <summary>
/// Converts an H.264 Annex B byte stream, fed in arbitrary pieces (TS payloads), straight into a pooled
/// lease as 4-byte-length-prefixed NAL units (AVCC): the one copy of the video payload.
/// </summary>
/// <remarks>
/// Design: bytes are copied into the current NAL as they come; a start code (00 00 01, or 00 00 00 01) is
/// found with a vectorised search for 0x01 plus a count of the zero bytes just before it, which may lie in
/// an earlier piece. Those zeros were already copied into the previous NAL, so they are taken back (they
/// are the start code or trailing_zero_8bits) and that NAL's length prefix is filled in. Access unit
/// delimiters (type 9) and filler data (type 12) are dropped; SPS, PPS and SEI are kept in place.
/// Emulation prevention bytes are left untouched. The lease starts at <see cref="InitialCapacity"/> (or the
/// announced PES size) and moves to a bigger block when a large frame needs it (a rare extra copy, keyframes).
/// </remarks>
internal sealed class AvccAccessUnitWriter : IDisposable
{
    public const int InitialCapacity = 64 * 1024;

    private readonly LeaseWriter _out;
    private int _nalStart = -1; // offset of the current NAL's length prefix, -1 when none is being copied
    private bool _awaitHeader;  // a start code was seen; the next byte is a NAL header
    private bool _skipping;     // the current NAL is dropped
    private int _zeroRun;       // zero bytes immediately before the next input byte

    public AvccAccessUnitWriter(TieredBufferPool pool, int maxSize)
    {
        _out = new LeaseWriter(pool, maxSize);
    }

    /// <summary>Why the current access unit failed, or <see cref="PesFailure.None"/>.</summary>
    public PesFailure Failure => _out.Failure;

    public bool HasIdr { get; private set; }

    /// <summary>True when a slice of the access unit is a B slice (slice_type 1 or 6).</summary>
    public bool HasBSlice { get; private set; }

    public int NalCount { get; private set; }

    /// <summary>Offset and length (without the prefix) of the last SPS in the lease, or length 0.</summary>
    public (int Offset, int Length) Sps { get; private set; }

    /// <summary>Offset and length of the last PPS in the lease, or length 0.</summary>
    public (int Offset, int Length) Pps { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public int Length => _out.Position;

    /// <summary>Starts a new access unit; <paramref name="sizeHint"/> is the announced payload size, or -1.</summary>
    public void Begin(int sizeHint)
    {
        _out.Begin(sizeHint > 0 ? sizeHint + sizeHint / 3 + 16 : InitialCapacity);
        ResetState();
    }

    /// <summary>Appends a piece of Annex B bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _out.Failure == PesFailure.None)
        {
            int i = data.IndexOf((byte)1);
            Emit(i < 0 ? data : data[..i]);
            if (i < 0)
            {
                return;
            }
            if (_zeroRun >= 2)
            {
                StartCode();
            }
            else
            {
                Emit(data.Slice(i, 1));
            }
            data = data[(i + 1)..];
        }
    }

    /// <summary>Ends the access unit; on success the caller owns the lease (one reference).</summary>
    public bool TryFinish(out BufferLease lease, out int length)
    {
        EndNal();
        bool ok = _out.TryDetach(out lease, out length);
        _nalStart = -1;
        _awaitHeader = false;
        _zeroRun = 0;
        return ok;
    }

    /// <summary>Drops the access unit in progress, returning its lease.</summary>
    public void Abort()
    {
        _out.Abort();
        ResetState();
    }

    public void Dispose() => Abort();

    private void ResetState()
    {
        _nalStart = -1;
        _awaitHeader = false;
        _skipping = false;
        _zeroRun = 0;
        HasIdr = false;
        HasBSlice = false;
        NalCount = 0;
        Sps = default;
        Pps = default;
    }

    private void Emit(ReadOnlySpan<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return;
        }
        if (_awaitHeader)
        {
            _awaitHeader = false;
            int type = segment[0] & 0x1F;
            _skipping = type is NalUnitType.AccessUnitDelimiter or NalUnitType.FillerData or 0;
            if (!_skipping && _out.EnsureCapacity(4))
            {
                _nalStart = _out.Position;
                _out.Position += 4;
            }
        }
        if (_nalStart >= 0 && !_skipping && !_out.Write(segment))
        {
            _nalStart = -1;
        }
        int lastNonZero = segment.LastIndexOfAnyExcept((byte)0);
        _zeroRun = lastNonZero < 0 ? _zeroRun + segment.Length : segment.Length - 1 - lastNonZero;
    }

    private void StartCode()
    {
        EndNal();
        _awaitHeader = true;
        _skipping = false;
        _zeroRun = 0;
    }

    /// <summary>Closes the NAL being copied: takes back the zeros before the start code and writes its length.</summary>
    private void EndNal()
    {
        if (_nalStart < 0 || _out.Failure != PesFailure.None)
        {
            _nalStart = -1;
            return;
        }
        int body = _nalStart + 4;
        _out.Position -= Math.Min(_zeroRun, _out.Position - body);
        int length = _out.Position - body;
        if (length <= 0)
        {
            _out.Position = _nalStart;
            _nalStart = -1;
            return;
        }
        Span<byte> span = _out.Span;
        BinaryPrimitives.WriteInt32BigEndian(span[_nalStart..], length);
        ReadOnlySpan<byte> nal = span.Slice(body, length);
        NalCount++;
        switch (nal[0] & 0x1F)
        {
            case NalUnitType.IdrSlice:
                HasIdr = true;
                NoteSliceType(nal);
                break;
            case NalUnitType.NonIdrSlice:
                NoteSliceType(nal);
                break;
            case NalUnitType.Sps:
                Sps = (body, length);
                break;
            case NalUnitType.Pps:
                Pps = (body, length);
                break;
        }
        _nalStart = -1;
    }

    private void NoteSliceType(ReadOnlySpan<byte> nal)
    {
        var r = new RbspBitReader(nal.Slice(1, Math.Min(nal.Length - 1, 16)));
        r.ReadUe(); // first_mb_in_slice
        uint sliceType = r.ReadUe();
        if (!r.Overrun && sliceType % 5 == 1)
        {
            HasBSlice = true;
        }
    }
}
