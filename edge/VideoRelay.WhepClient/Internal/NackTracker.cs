namespace VideoRelay.WhepClient.Internal;

/// <summary>
/// Generic NACK generation (RFC 4585 §6.2.1) for one RTP stream: sequence gaps become missing entries, NACKed at
/// once, re-NACKed after <c>retryTicks</c> up to <c>maxNacks</c> times, forgotten after <c>giveUpTicks</c> or when
/// the packet arrives. Receive thread only; no allocation.
/// </summary>
/// <remarks>
/// Design: gaps are discovered in increasing sequence order, so the entries stay sorted by sequence and by
/// discovery time; expiry removes from the front and a NACK lists them ascending, as the FCI packing wants.
/// </remarks>
internal sealed class NackTracker
{
    /// <summary>Most missing packets tracked at once; a larger gap is not worth NACKing (ask for a keyframe).</summary>
    public const int Capacity = 512;

    private readonly Entry[] _entries = new Entry[Capacity];
    private readonly long _retryTicks;
    private readonly long _giveUpTicks;
    private readonly int _maxNacks;
    private int _count;
    private bool _started;
    private ushort _highest;

    public NackTracker(long retryTicks, long giveUpTicks, int maxNacks)
    {
        _retryTicks = retryTicks;
        _giveUpTicks = giveUpTicks;
        _maxNacks = maxNacks;
    }

    /// <summary>Missing packets tracked now.</summary>
    public int Count => _count;

    /// <summary>Gaps larger than <see cref="Capacity"/> seen (not NACKed).</summary>
    public long Overflows { get; private set; }

    /// <summary>
    /// Records an arriving packet. Returns true when it filled a hole we had already NACKed (a retransmission).
    /// </summary>
    public bool OnPacket(ushort sequence, long nowTicks)
    {
        if (!_started)
        {
            _started = true;
            _highest = sequence;
            return false;
        }
        int delta = (short)(sequence - _highest);
        if (delta > 0)
        {
            int missing = delta - 1;
            if (missing > 0)
            {
                if (_count + missing > Capacity)
                {
                    Overflows++;
                    _count = 0; // too far gone: the reorder buffer will give up and the depacketizer ask for a keyframe
                }
                else
                {
                    for (int i = 1; i <= missing; i++)
                    {
                        _entries[_count++] = new Entry((ushort)(_highest + i), nowTicks);
                    }
                }
            }
            _highest = sequence;
            return false;
        }
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Sequence == sequence)
            {
                bool nacked = _entries[i].Sent > 0;
                RemoveAt(i);
                return nacked;
            }
        }
        return false;
    }

    /// <summary>
    /// Forgets entries older than the give-up time and writes, ascending, the sequence numbers to NACK now.
    /// </summary>
    public int CollectDue(long nowTicks, Span<ushort> due)
    {
        int expired = 0;
        while (expired < _count && nowTicks - _entries[expired].FirstTicks > _giveUpTicks)
        {
            expired++;
        }
        if (expired > 0)
        {
            Array.Copy(_entries, expired, _entries, 0, _count - expired);
            _count -= expired;
        }
        int n = 0;
        for (int i = 0; i < _count && n < due.Length; i++)
        {
            ref Entry e = ref _entries[i];
            if (e.Sent >= _maxNacks || (e.Sent > 0 && nowTicks - e.LastSentTicks < _retryTicks))
            {
                continue;
            }
            e.Sent++;
            e.LastSentTicks = nowTicks;
            due[n++] = e.Sequence;
        }
        return n;
    }

    private void RemoveAt(int index)
    {
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _count--;
    }

    private struct Entry(ushort sequence, long firstTicks)
    {
        public ushort Sequence = sequence;
        public long FirstTicks = firstTicks;
        public long LastSentTicks;
        public int Sent;
    }
}
