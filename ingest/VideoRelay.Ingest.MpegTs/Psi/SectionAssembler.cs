namespace VideoRelay.Ingest.MpegTs.Psi;

/// <summary>
/// Gathers PSI sections from the payloads of one PID (pointer_field, sections spanning packets,
/// several sections per packet, 0xFF stuffing). Bounded: a section is at most 1024 bytes.
/// </summary>
internal sealed class SectionAssembler
{
    private readonly byte[] _buffer = new byte[3 + PsiSectionHeader.MaxSectionLength];
    private int _length;
    private bool _active;

    /// <summary>
    /// Feeds one packet's payload; for every complete section calls <paramref name="onSection"/>
    /// (a static callback with a state argument, so nothing is captured or allocated).
    /// </summary>
    public void Push<TState>(ReadOnlySpan<byte> payload, bool unitStart, TState state, SectionHandler<TState> onSection)
    {
        if (unitStart)
        {
            if (payload.IsEmpty)
            {
                return;
            }
            int pointer = payload[0];
            if (1 + pointer > payload.Length)
            {
                _active = false;
                return;
            }
            if (_active)
            {
                Append(payload.Slice(1, pointer), state, onSection);
            }
            payload = payload[(1 + pointer)..];
            _active = false;
            while (!payload.IsEmpty && payload[0] != 0xFF)
            {
                _active = true;
                _length = 0;
                int used = Append(payload, state, onSection);
                if (_active)
                {
                    return; // section continues in the next packet
                }
                payload = payload[used..];
            }
        }
        else if (_active)
        {
            Append(payload, state, onSection);
        }
    }

    public void Reset()
    {
        _active = false;
        _length = 0;
    }

    private int Append<TState>(ReadOnlySpan<byte> data, TState state, SectionHandler<TState> onSection)
    {
        int used = 0;
        if (_length < 3)
        {
            int take = Math.Min(3 - _length, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_length));
            _length += take;
            used += take;
            if (_length < 3)
            {
                return used;
            }
        }
        int total = 3 + ((_buffer[1] & 0x0F) << 8 | _buffer[2]);
        if (total > _buffer.Length)
        {
            _active = false;
            return data.Length;
        }
        int rest = Math.Min(total - _length, data.Length - used);
        data.Slice(used, rest).CopyTo(_buffer.AsSpan(_length));
        _length += rest;
        used += rest;
        if (_length == total)
        {
            _active = false;
            onSection(state, _buffer.AsSpan(0, total));
        }
        return used;
    }
}

