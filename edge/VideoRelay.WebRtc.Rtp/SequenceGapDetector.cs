namespace VideoRelay.WebRtc.Rtp;

/// <summary>Tracks the last RTP sequence number seen and classifies the next one (in order, gap, late).</summary>
internal struct SequenceGapDetector
{
    private bool _started;
    private ushort _last;

    /// <summary>
    /// Returns the number of packets missing before <paramref name="sequence"/> (0 when in order), or −1 when
    /// the packet is late or a duplicate (it does not advance the state).
    /// </summary>
    public int Observe(ushort sequence)
    {
        if (!_started)
        {
            _started = true;
            _last = sequence;
            return 0;
        }
        short delta = (short)(sequence - _last);
        if (delta <= 0)
        {
            return -1;
        }
        _last = sequence;
        return delta - 1;
    }
}
