namespace VideoRelay.Ingest.MpegTs.Pes;

/// <summary>
/// Reassembles the PES packets of one elementary PID from TS payloads: gathers the PES header (it may
/// span packets), then hands the payload on in pieces. A PES ends when its announced length is reached,
/// at the next payload_unit_start (unbounded video PES), or — for video, when enabled — in a packet whose
/// adaptation field carries stuffing (the muxer had nothing more for that PES), which saves a frame interval.
/// </summary>
internal abstract class PesStream : IDisposable
{
    private readonly byte[] _header = new byte[PesHeader.MaxSize];
    private int _headerLength;
    private State _state;
    private int _remaining;

    protected PesStream(TsDemuxer demuxer, int pid)
    {
        Demuxer = demuxer;
        Pid = pid;
    }

    private enum State
    {
        /// <summary>Waiting for a payload_unit_start.</summary>
        Idle,
        Header,
        Payload,
    }

    public int Pid { get; }

    protected TsDemuxer Demuxer { get; }

    /// <summary>True for streams that may end a PES early on stuffing (video).</summary>
    protected virtual bool CompletesOnStuffing => false;

    public void OnPacket(ReadOnlySpan<byte> payload, bool unitStart, bool stuffed)
    {
        if (unitStart)
        {
            if (_state == State.Payload)
            {
                Complete();
            }
            else if (_state == State.Header)
            {
                Demuxer.Counters.PesErrors++;
            }
            _state = State.Header;
            _headerLength = 0;
        }
        else if (_state == State.Idle)
        {
            if (!payload.IsEmpty)
            {
                Demuxer.Counters.OrphanPayloadPackets++;
            }
            return;
        }
        if (_state == State.Header && !ReadHeader(ref payload))
        {
            return;
        }
        if (_state == State.Payload && !payload.IsEmpty)
        {
            if (_remaining >= 0)
            {
                int take = Math.Min(_remaining, payload.Length);
                OnData(payload[..take]);
                _remaining -= take;
                if (_remaining == 0)
                {
                    Complete();
                    return;
                }
            }
            else
            {
                OnData(payload);
            }
        }
        if (_state == State.Payload && stuffed && _remaining < 0 && CompletesOnStuffing)
        {
            Complete();
        }
    }

    /// <summary>A continuity gap: the PES in progress is lost.</summary>
    public void OnGap()
    {
        if (_state == State.Payload)
        {
            OnAbort();
        }
        _state = State.Idle;
        OnDiscontinuity();
    }

    /// <summary>End of stream: completes an unbounded PES in progress.</summary>
    public void Flush()
    {
        if (_state == State.Payload)
        {
            Complete();
        }
        _state = State.Idle;
    }

    public void Dispose()
    {
        if (_state == State.Payload)
        {
            OnAbort();
        }
        _state = State.Idle;
        DisposeCore();
    }

    protected abstract void OnBegin(in PesHeader header);

    protected abstract void OnData(ReadOnlySpan<byte> data);

    protected abstract void OnComplete();

    protected abstract void OnAbort();

    protected abstract void OnDiscontinuity();

    protected virtual void DisposeCore()
    {
    }

    private void Complete()
    {
        _state = State.Idle;
        OnComplete();
    }

    private bool ReadHeader(ref ReadOnlySpan<byte> payload)
    {
        int need = _headerLength < PesHeader.FixedSize ? PesHeader.FixedSize : PesHeader.GetHeaderLength(_header);
        while (true)
        {
            int take = Math.Min(need - _headerLength, payload.Length);
            payload[..take].CopyTo(_header.AsSpan(_headerLength));
            _headerLength += take;
            payload = payload[take..];
            if (_headerLength < need)
            {
                return false;
            }
            if (need == PesHeader.FixedSize)
            {
                need = PesHeader.GetHeaderLength(_header);
                if (need < 0)
                {
                    return Invalid();
                }
                if (need > PesHeader.FixedSize)
                {
                    continue;
                }
            }
            break;
        }
        if (!PesHeader.TryRead(_header.AsSpan(0, _headerLength), out PesHeader header, out _))
        {
            return Invalid();
        }
        _remaining = header.PayloadLength;
        _state = State.Payload;
        OnBegin(header);
        if (_remaining == 0)
        {
            Complete();
            return false;
        }
        return true;
    }

    private bool Invalid()
    {
        Demuxer.Counters.PesErrors++;
        _state = State.Idle;
        return false;
    }
}
