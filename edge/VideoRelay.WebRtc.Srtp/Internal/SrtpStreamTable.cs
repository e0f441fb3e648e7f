using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// SSRC → <see cref="SrtpStream"/> map with a bound on its size and a one-entry cache for the
/// common case of consecutive packets of the same SSRC. Lookups do not allocate.
/// </summary>
internal sealed class SrtpStreamTable
{
    private readonly Dictionary<uint, SrtpStream> _streams;
    private readonly int _capacity;
    private SrtpStream? _last;

    public SrtpStreamTable(int capacity)
    {
        _capacity = capacity;
        _streams = new Dictionary<uint, SrtpStream>(Math.Min(capacity, 8));
    }

    public int Count => _streams.Count;

    public bool IsFull => _streams.Count >= _capacity;

    public SrtpStream? Find(uint ssrc)
    {
        SrtpStream? last = _last;
        if (last is not null && last.Ssrc == ssrc)
        {
            return last;
        }

        if (_streams.TryGetValue(ssrc, out SrtpStream? stream))
        {
            _last = stream;
            return stream;
        }

        return null;
    }

    /// <summary>Finds the stream or adds it; false only when it is new and the table is full.</summary>
    public bool TryGetOrAdd(uint ssrc, [NotNullWhen(true)] out SrtpStream? stream)
    {
        stream = Find(ssrc);
        if (stream is not null)
        {
            return true;
        }

        if (IsFull)
        {
            return false;
        }

        stream = new SrtpStream(ssrc);
        _streams.Add(ssrc, stream);
        _last = stream;
        return true;
    }

    public bool Remove(uint ssrc)
    {
        if (_last?.Ssrc == ssrc)
        {
            _last = null;
        }

        return _streams.Remove(ssrc);
    }
}
