namespace VideoRelay.Ingest.MpegTs.Pes;

/// <summary>
/// Extends 33-bit 90 kHz PTS/DTS values (wrapping every ~26.5 h) to a continuous 64-bit timeline. One
/// instance is shared by a program's streams so audio and video stay on the same timeline; a new value
/// is placed within ±2^32 ticks (±13 h) of the last one, so it follows wraps both ways.
/// </summary>
internal sealed class TimestampExtender
{
    private const long Modulus = 1L << 33;
    private const long Mask = Modulus - 1;
    private long _last = -1;

    public long Extend(long ts33)
    {
        ts33 &= Mask;
        if (_last < 0)
        {
            _last = ts33;
            return ts33;
        }
        long delta = (ts33 - (_last & Mask)) & Mask;
        if (delta >= Modulus / 2)
        {
            delta -= Modulus;
        }
        // Only move the reference forward, so a DTS slightly behind a PTS does not drag it back.
        long value = _last + delta;
        if (value > _last)
        {
            _last = value;
        }
        return value;
    }

    public void Reset() => _last = -1;
}
