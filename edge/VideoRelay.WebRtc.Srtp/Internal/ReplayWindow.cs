using System.Diagnostics;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// Sliding replay window (RFC 3711 §3.3.2) of <see cref="Size"/> packets over 48-bit SRTP or
/// 31-bit SRTCP indices. Bit i of the mask says index <c>Highest - i</c> was received.
/// </summary>
[DebuggerDisplay("Highest = {Highest}, Started = {IsStarted}")]
internal struct ReplayWindow
{
    public const int Size = 128;

    private UInt128 _mask;
    private ulong _highest;
    private bool _started;

    /// <summary>True once one packet was accepted.</summary>
    public readonly bool IsStarted => _started;

    /// <summary>Highest index accepted so far (for SRTP it also holds ROC and s_l: ROC = Highest >> 16).</summary>
    public readonly ulong Highest => _highest;

    /// <summary>True when <paramref name="index"/> was already accepted or is too old to tell.</summary>
    public readonly bool IsReplay(ulong index)
    {
        if (!_started || index > _highest)
        {
            return false;
        }

        ulong delta = _highest - index;
        return delta >= Size || ((_mask >> (int)delta) & UInt128.One) != UInt128.Zero;
    }

    /// <summary>Records <paramref name="index"/>; call only after the packet authenticated.</summary>
    public void Accept(ulong index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _mask = UInt128.One;
            return;
        }

        if (index > _highest)
        {
            ulong delta = index - _highest;
            _mask = delta >= Size ? UInt128.One : (_mask << (int)delta) | UInt128.One;
            _highest = index;
        }
        else
        {
            Debug.Assert(_highest - index < Size, "IsReplay rejects older packets");
            _mask |= UInt128.One << (int)(_highest - index);
        }
    }
}
