using VideoRelay.Core.Timing;
using VideoRelay.WebRtc.Rtp.Rtcp;

namespace VideoRelay.WhepClient.Internal;

/// <summary>
/// Reception statistics of one RTP source for receiver reports (RFC 3550 §6.4.1 and Appendix A.3, A.8):
/// extended highest sequence, cumulative and fractional loss, interarrival jitter, LSR/DLSR.
/// Receive thread only.
/// </summary>
internal sealed class ReceptionStatistics
{
    private readonly int _clockRate;
    private bool _started;
    private uint _ssrc;
    private uint _baseSequence;
    private ushort _maxSequence;
    private uint _cycles;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private bool _hasTransit;
    private uint _lastTransit;
    private double _jitter;
    private uint _lastSenderReport;
    private long _lastSenderReportTicks;

    public ReceptionStatistics(int clockRate)
    {
        _clockRate = clockRate;
    }

    public bool Started => _started;
    public uint Ssrc => _ssrc;
    public long Received => _received;
    public uint Jitter => (uint)_jitter;

    public void OnPacket(uint ssrc, ushort sequence, uint timestamp, long arrivalTicks, bool retransmission)
    {
        if (!_started || ssrc != _ssrc)
        {
            _started = true;
            _ssrc = ssrc;
            _baseSequence = sequence;
            _maxSequence = sequence;
            _cycles = 0;
            _received = 0;
            _expectedPrior = 0;
            _receivedPrior = 0;
            _hasTransit = false;
            _jitter = 0;
        }
        _received++;
        int delta = (short)(sequence - _maxSequence);
        if (delta > 0)
        {
            if (sequence < _maxSequence)
            {
                _cycles += 1u << 16;
            }
            _maxSequence = sequence;
        }
        if (retransmission)
        {
            return; // a retransmission's arrival time says nothing about network jitter
        }
        uint arrival = (uint)(long)((double)arrivalTicks * _clockRate / Clock.Frequency);
        uint transit = arrival - timestamp;
        if (_hasTransit)
        {
            int d = Math.Abs((int)(transit - _lastTransit));
            _jitter += (d - _jitter) / 16.0;
        }
        _lastTransit = transit;
        _hasTransit = true;
    }

    public void OnSenderReport(ulong ntpTimestamp, long nowTicks)
    {
        _lastSenderReport = NtpTime.ToCompact(ntpTimestamp);
        _lastSenderReportTicks = nowTicks;
    }

    /// <summary>The report block for the interval since the previous one.</summary>
    public ReportBlock BuildBlock(long nowTicks)
    {
        long extendedMax = _cycles + _maxSequence;
        long expected = extendedMax - _baseSequence + 1;
        long lost = expected - _received;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        byte fraction = expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        uint dlsr = 0;
        if (_lastSenderReportTicks != 0)
        {
            // DLSR in units of 1/65536 s.
            dlsr = (uint)Math.Min(uint.MaxValue, (double)(nowTicks - _lastSenderReportTicks) * 65536 / Clock.Frequency);
        }
        int cumulative = (int)Math.Clamp(lost, -0x800000, 0x7FFFFF);
        return new ReportBlock(_ssrc, fraction, cumulative, (uint)extendedMax, (uint)_jitter, _lastSenderReport, dlsr);
    }
}
