namespace VideoRelay.WhepClient.Internal;

/// <summary>
/// Puts one RTP stream back in sequence order so retransmitted packets (which arrive late) reach the
/// depacketizer in their place. A hole holds delivery until the packet comes or <c>giveUpTicks</c> after the
/// first packet behind it arrived; then the hole is skipped (the depacketizer sees the gap as loss).
/// Receive thread only; fixed memory, no allocation per packet.
/// </summary>
/// <remarks>
/// Usage per arriving packet: <see cref="Classify"/>; <see cref="Placement.Direct"/> → process it, then
/// <see cref="Advance"/>; <see cref="Placement.Buffer"/> → <see cref="TryInsert"/>; then, and on every tick,
/// drain with <see cref="TryTake"/>. The span <see cref="TryTake"/> returns stays valid until the next insert.
/// </remarks>
internal sealed class RtpReorderBuffer
{
    public const int SlotSize = 1500;

    private readonly byte[] _data;
    private readonly int[] _lengths;
    private readonly ushort[] _sequences;
    private readonly long[] _arrivals;
    private readonly int _mask;
    private readonly long _giveUpTicks;
    private bool _started;
    private ushort _next;
    private int _buffered;
    private bool _blockedValid;
    private ushort _blockedAt;
    private long _blockedSince;

    public RtpReorderBuffer(int capacity, long giveUpTicks)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be a power of two");
        }
        _data = GC.AllocateUninitializedArray<byte>(capacity * SlotSize);
        _lengths = new int[capacity];
        _sequences = new ushort[capacity];
        _arrivals = new long[capacity];
        _mask = capacity - 1;
        _giveUpTicks = giveUpTicks;
    }

    public int Capacity => _mask + 1;

    public int Buffered => _buffered;

    public enum Placement
    {
        /// <summary>The next packet in order with nothing waiting: process it directly.</summary>
        Direct,
        /// <summary>Ahead of a hole: store it.</summary>
        Buffer,
        /// <summary>Older than the delivery point (a duplicate, or a retransmission after give-up): drop.</summary>
        Late,
        /// <summary>So far ahead that everything buffered was given up: process it directly (a fresh start).</summary>
        Restart,
    }

    /// <summary>Where an arriving packet goes. <see cref="Placement.Restart"/> already dropped the buffered packets (counted in <paramref name="skipped"/>).</summary>
    public Placement Classify(ushort sequence, out int skipped)
    {
        skipped = 0;
        if (!_started)
        {
            return Placement.Direct;
        }
        int delta = (short)(sequence - _next);
        if (delta < 0)
        {
            return Placement.Late;
        }
        if (delta == 0 && _buffered == 0)
        {
            return Placement.Direct;
        }
        if (delta > _mask)
        {
            skipped = delta; // the buffered packets are dropped with the holes
            Array.Fill(_lengths, 0);
            _buffered = 0;
            _blockedValid = false;
            return Placement.Restart;
        }
        return Placement.Buffer;
    }

    /// <summary>After a <see cref="Placement.Direct"/> or <see cref="Placement.Restart"/> packet was processed.</summary>
    public void Advance(ushort sequence)
    {
        _started = true;
        _next = (ushort)(sequence + 1);
    }

    /// <summary>Stores a packet ahead of a hole. False when it does not fit a slot, or is a duplicate.</summary>
    public bool TryInsert(ushort sequence, ReadOnlySpan<byte> packet, long arrivalTicks)
    {
        int slot = sequence & _mask;
        if (packet.Length > SlotSize || (_lengths[slot] > 0 && _sequences[slot] == sequence))
        {
            return false;
        }
        if (_lengths[slot] == 0)
        {
            _buffered++;
        }
        packet.CopyTo(_data.AsSpan(slot * SlotSize, SlotSize));
        _lengths[slot] = packet.Length;
        _sequences[slot] = sequence;
        _arrivals[slot] = arrivalTicks;
        return true;
    }

    /// <summary>
    /// The next packet in order, skipping holes that waited longer than the give-up time (counted in
    /// <paramref name="skipped"/>, accumulated across calls by the caller).
    /// </summary>
    public bool TryTake(long nowTicks, out ushort sequence, out ReadOnlySpan<byte> packet, ref int skipped)
    {
        sequence = 0;
        packet = default;
        while (_buffered > 0)
        {
            int slot = _next & _mask;
            if (_lengths[slot] > 0 && _sequences[slot] == _next)
            {
                sequence = _next;
                packet = _data.AsSpan(slot * SlotSize, _lengths[slot]);
                _lengths[slot] = 0;
                _buffered--;
                _next++;
                return true;
            }
            if (!_blockedValid || _blockedAt != _next)
            {
                FindBlocker();
            }
            if (nowTicks - _blockedSince < _giveUpTicks)
            {
                return false;
            }
            // Give up on the hole: jump to the first packet we hold.
            int gap = 1;
            while (gap <= _mask)
            {
                int s = (_next + gap) & _mask;
                if (_lengths[s] > 0 && _sequences[s] == (ushort)(_next + gap))
                {
                    break;
                }
                gap++;
            }
            skipped += gap;
            _next = (ushort)(_next + gap);
            _blockedValid = false;
        }
        return false;
    }

    /// <summary>The hole at the delivery point was first noticed when the first packet behind it arrived.</summary>
    private void FindBlocker()
    {
        _blockedAt = _next;
        _blockedValid = true;
        _blockedSince = long.MaxValue;
        for (int gap = 1; gap <= _mask; gap++)
        {
            int s = (_next + gap) & _mask;
            if (_lengths[s] > 0 && _sequences[s] == (ushort)(_next + gap))
            {
                _blockedSince = _arrivals[s];
                return;
            }
        }
    }
}
