using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.WebRtc.Rtp.Tests.H264;

public sealed class H264DepacketizerTests
{
    private static readonly H264Case SmallP = new("p", [H264Case.Nal(1, 300)], [], [], false, 1168, []);
    private static readonly H264Case BigP = new("p", [H264Case.Nal(1, 3000)], [], [], false, 1168, []);
    private static readonly H264Case Idr = new("idr", [H264Case.Nal(5, 2500)], H264Cases.Sps, H264Cases.Pps, true, 1168, []);

    [Theory]
    [MemberData(nameof(H264Cases.Data), MemberType = typeof(H264Cases))]
    public void Roundtrip_gives_back_the_access_unit_minus_auds_plus_parameter_sets(H264Case c)
    {
        var rt = new H264Roundtrip();
        rt.Prime();

        byte[]? au = rt.Feed(c);

        Assert.NotNull(au);
        Assert.Equal(c.ExpectedAccessUnit, au);
        Assert.Equal(c.Nals.Any(n => H264NalType.Of(n[0]) == H264NalType.IdrSlice), rt.LastWasKeyframe);
        Assert.Equal(0, rt.Depacketizer.PacketsLost);
    }

    [Fact]
    public void Starts_waiting_for_a_keyframe()
    {
        var rt = new H264Roundtrip();
        Assert.True(rt.Depacketizer.NeedsKeyframe);
        Assert.Null(rt.Feed(SmallP));
        Assert.NotNull(rt.Feed(Idr));
        Assert.True(rt.LastWasKeyframe);
        Assert.False(rt.Depacketizer.NeedsKeyframe);
    }

    [Fact]
    public void Loss_discards_the_unit_and_waits_for_the_next_keyframe()
    {
        var rt = new H264Roundtrip();
        rt.Prime();
        Assert.NotNull(rt.Feed(SmallP));

        Assert.Null(rt.Feed(BigP, 1));            // middle fragment lost
        Assert.True(rt.Depacketizer.NeedsKeyframe);
        Assert.Equal(1, rt.Depacketizer.PacketsLost);
        Assert.Null(rt.Feed(SmallP));             // complete, but not a keyframe
        Assert.Null(rt.Feed(BigP));

        byte[]? key = rt.Feed(Idr);
        Assert.NotNull(key);
        Assert.Equal(Idr.ExpectedAccessUnit, key);
        Assert.True(rt.LastWasKeyframe);
        Assert.NotNull(rt.Feed(SmallP));
        Assert.Equal(1, rt.Depacketizer.LossEvents);
    }

    [Fact]
    public void Loss_reports_how_many_packets_were_missing()
    {
        var buffer = new byte[4096];
        var d = new H264Depacketizer(buffer);
        byte[] idr = H264Case.Nal(5, 10);
        Assert.Equal(DepacketizeStatus.FrameReady, d.Push(10, 0, true, idr).Status);

        DepacketizeResult r = d.Push(14, 3000, true, H264Case.Nal(1, 10));

        Assert.Equal(3, r.LostPackets);
        Assert.Equal(DepacketizeStatus.Discarded, r.Status);
        Assert.Equal(3, d.PacketsLost);
    }

    [Fact]
    public void Loss_of_the_last_packet_of_a_unit_drops_the_next_unit_too()
    {
        var rt = new H264Roundtrip();
        rt.Prime();
        Assert.Null(rt.Feed(BigP, 2)); // the marker packet is lost
        Assert.Null(rt.Feed(SmallP));  // the unit after the gap is damaged too: lost packets may have started it
        Assert.Null(rt.Feed(SmallP));  // waiting for a keyframe
        Assert.NotNull(rt.Feed(Idr));
    }

    [Fact]
    public void A_keyframe_starting_right_after_a_gap_is_kept()
    {
        var rt = new H264Roundtrip();
        rt.Prime();
        Assert.Null(rt.Feed(BigP, 2));   // the marker packet is lost
        byte[]? key = rt.Feed(Idr);      // its STAP-A with the SPS is the first packet after the gap
        Assert.Equal(Idr.ExpectedAccessUnit, key);
    }

    [Fact]
    public void Late_and_duplicate_packets_are_discarded()
    {
        var d = new H264Depacketizer(new byte[4096]);
        Assert.Equal(DepacketizeStatus.FrameReady, d.Push(100, 0, true, H264Case.Nal(5, 10)).Status);
        Assert.Equal(DepacketizeStatus.Discarded, d.Push(100, 0, true, H264Case.Nal(5, 10)).Status);
        Assert.Equal(DepacketizeStatus.Discarded, d.Push(99, 0, true, H264Case.Nal(5, 10)).Status);
        Assert.Equal(2, d.LatePackets);
    }

    [Fact]
    public void Overflow_is_counted_and_the_unit_dropped()
    {
        var rt = new H264Roundtrip(bufferSize: 1000);
        Assert.Null(rt.Feed(Idr)); // 2.5 kB does not fit 1000 bytes
        Assert.Equal(1, rt.Depacketizer.Overflows);
        H264Case smallIdr = new("idr", [H264Case.Nal(5, 500)], H264Cases.Sps, H264Cases.Pps, true, 1168, []);
        Assert.NotNull(rt.Feed(smallIdr));
    }

    [Fact]
    public void Missing_marker_drops_the_unit_when_the_timestamp_changes()
    {
        var d = new H264Depacketizer(new byte[4096]);
        Assert.Equal(DepacketizeStatus.Buffered, d.Push(1, 0, false, H264Case.Nal(5, 10)).Status);
        Assert.Equal(DepacketizeStatus.Buffered, d.Push(2, 3000, false, H264Case.Nal(1, 10)).Status);
        Assert.Equal(1, d.MissingMarkers);
        Assert.True(d.NeedsKeyframe);
    }

    [Theory]
    [InlineData(new byte[] { })]                                   // empty
    [InlineData(new byte[] { 0x7C, 0x01, 0xAA })]                   // FU-A continuation without a start
    [InlineData(new byte[] { 0x7C, 0xC1, 0xAA })]                   // FU-A with S and E together
    [InlineData(new byte[] { 0x78, 0x00, 0x10, 0x65 })]             // STAP-A size past the end
    [InlineData(new byte[] { 0x78, 0x00 })]                         // STAP-A truncated size field
    [InlineData(new byte[] { 0x78 })]                               // STAP-A with no unit
    [InlineData(new byte[] { 0x79, 0x00, 0x01, 0x65 })]             // STAP-B (not in mode 1)
    [InlineData(new byte[] { 0x7D, 0x81, 0x00, 0x00, 0xAA })]       // FU-B
    [InlineData(new byte[] { 0x7C, 0x85 })]                         // FU-A without data
    public void Malformed_payloads_are_rejected_without_throwing(byte[] payload)
    {
        var d = new H264Depacketizer(new byte[4096]);
        DepacketizeResult r = d.Push(1, 0, true, payload);
        Assert.Equal(DepacketizeStatus.Malformed, r.Status);
        Assert.Equal(1, d.MalformedPackets);
        Assert.Equal(DepacketizeStatus.FrameReady, d.Push(2, 3000, true, H264Case.Nal(5, 10)).Status);
    }

    [Fact]
    public void Fragment_of_another_type_mid_nal_is_malformed()
    {
        var d = new H264Depacketizer(new byte[4096]);
        Assert.Equal(DepacketizeStatus.Buffered, d.Push(1, 0, false, [0x7C, 0x85, 0xAA]).Status);
        Assert.Equal(DepacketizeStatus.Malformed, d.Push(2, 0, true, [0x7C, 0x41, 0xBB]).Status);
    }

    [Fact]
    public void Extracts_sps_and_pps()
    {
        var rt = new H264Roundtrip();
        Assert.True(rt.Depacketizer.Sps.IsEmpty);
        rt.Feed(Idr);
        Assert.Equal(H264Cases.Sps, rt.Depacketizer.Sps.ToArray());
        Assert.Equal(H264Cases.Pps, rt.Depacketizer.Pps.ToArray());
        Assert.Equal(2, rt.Depacketizer.ParameterSetVersion);
        rt.Feed(Idr);
        Assert.Equal(2, rt.Depacketizer.ParameterSetVersion); // unchanged sets do not bump the version
    }

    [Fact]
    public void Resumes_on_an_sps_without_idr()
    {
        var d = new H264Depacketizer(new byte[4096]);
        DepacketizeResult r = d.Push(1, 0, true, H264Cases.Sps);
        Assert.Equal(DepacketizeStatus.FrameReady, r.Status);
        Assert.False(r.IsKeyframe);
    }
}
