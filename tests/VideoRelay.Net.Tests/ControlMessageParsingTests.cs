using CsCheck;
using VideoRelay.Core.Net;

namespace VideoRelay.Net.Tests;

public sealed class ControlMessageParsingTests
{
    private const int SolSocket = 1, SolIp = 0, SolIpv6 = 41;
    private const int ScmTimestampNs = 35, ScmTimestamping = 37, IpRecvErr = 11, Ipv6RecvErr = 25;
    private const long Sec = 1_760_000_000;

    [Fact]
    public void Software_stamp_of_scm_timestamping_is_read()
    {
        var control = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 123_456_789), (0, 0), (0, 0)))
            .ToArray();
        Assert.True(KernelTimestampParser.TryReadReceive(control, out long ns, out var source));
        Assert.Equal(Sec * 1_000_000_000 + 123_456_789, ns);
        Assert.Equal(TimestampSource.Software, source);
    }

    [Fact]
    public void Raw_hardware_stamp_wins_over_software()
    {
        var control = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 5), (0, 0), (Sec, 7)))
            .ToArray();
        Assert.True(KernelTimestampParser.TryReadReceive(control, out long ns, out var source));
        Assert.Equal(Sec * 1_000_000_000 + 7, ns);
        Assert.Equal(TimestampSource.Hardware, source);
    }

    [Fact]
    public void Scm_timestampns_is_the_fallback_and_is_found_after_other_messages()
    {
        var control = new ControlMessageBuilder()
            .Add(SolIp, 8, new byte[12]) // IP_PKTINFO: 12 bytes of data, padded to 8
            .Add(SolSocket, ScmTimestampNs, ControlMessageBuilder.Timespecs((Sec, 999_999_999)))
            .ToArray();
        Assert.True(KernelTimestampParser.TryReadReceive(control, out long ns, out var source));
        Assert.Equal(Sec * 1_000_000_000 + 999_999_999, ns);
        Assert.Equal(TimestampSource.Software, source);
    }

    [Theory]
    [InlineData(15L)]          // shorter than the header itself
    [InlineData(0L)]
    [InlineData(16L + 48 + 1)] // claims a byte more than the buffer holds
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]          // 0xFFFF_FFFF_FFFF_FFFF as size_t
    public void A_cmsg_len_out_of_bounds_ends_the_walk(long cmsgLen)
    {
        var control = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 1), (0, 0), (0, 0)), cmsgLen)
            .ToArray();
        Assert.False(KernelTimestampParser.TryReadReceive(control, out long ns, out var source));
        Assert.Equal(0, ns);
        Assert.Equal(TimestampSource.None, source);
    }

    [Fact]
    public void A_timestamping_message_cut_short_is_ignored()
    {
        // MSG_CTRUNC: the kernel copies what fits and shortens cmsg_len; 32 of 48 bytes is no stamp.
        var data = ControlMessageBuilder.Timespecs((Sec, 1), (0, 0));
        var control = new ControlMessageBuilder().Add(SolSocket, ScmTimestamping, data).ToArray();
        Assert.False(KernelTimestampParser.TryReadReceive(control, out _, out _));
    }

    [Fact]
    public void A_buffer_shorter_than_a_header_holds_nothing()
    {
        Assert.False(ControlMessageReader.TryRead(new byte[15], out _, out int consumed));
        Assert.Equal(0, consumed);
        Assert.False(KernelTimestampParser.TryReadReceive([], out _, out _));
    }

    [Theory]
    [InlineData(0L, 1_000_000_000L)] // tv_nsec out of range
    [InlineData(0L, -1L)]
    [InlineData(-1L, 0L)]
    [InlineData(long.MaxValue, 0L)] // would overflow ns
    public void Invalid_timespecs_are_rejected(long sec, long nsec)
    {
        var control = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((sec, nsec), (0, 0), (0, 0)))
            .ToArray();
        Assert.False(KernelTimestampParser.TryReadReceive(control, out _, out _));
    }

    [Fact]
    public void The_last_message_without_trailing_padding_is_read()
    {
        // The kernel does not pad after the last message; consumed must not run past the end.
        var control = new ControlMessageBuilder().Add(SolIp, 8, new byte[12]).ToArray()[..28];
        Assert.True(ControlMessageReader.TryRead(control, out var message, out int consumed));
        Assert.Equal(12, message.Data.Length);
        Assert.Equal(28, consumed);
    }

    [Theory]
    [InlineData(SolIp, IpRecvErr)]
    [InlineData(SolIpv6, Ipv6RecvErr)]
    public void Tx_stamp_reads_the_opt_id_from_the_extended_error(int level, int type)
    {
        var control = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 42), (0, 0), (0, 0)))
            .Add(level, type, ControlMessageBuilder.ExtendedError(errno: 42, origin: 4, info: 0, data: 1234))
            .ToArray();
        Assert.True(KernelTimestampParser.TryReadTransmit(control, out var stamp));
        Assert.Equal(new TxTimestamp(1234, Sec * 1_000_000_000 + 42, TimestampSource.Software, TxTimestampKind.Sent), stamp);
    }

    [Fact]
    public void Hardware_tx_stamp_has_zero_software_part()
    {
        var control = new ControlMessageBuilder()
            .Add(SolIp, IpRecvErr, ControlMessageBuilder.ExtendedError(42, 4, 0, 7))
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((0, 0), (0, 0), (Sec, 9)))
            .ToArray();
        Assert.True(KernelTimestampParser.TryReadTransmit(control, out var stamp));
        Assert.Equal(TimestampSource.Hardware, stamp.Source);
        Assert.Equal(7u, stamp.Id);
    }

    [Theory]
    [InlineData(111u, (byte)2)] // an ICMP error (ECONNREFUSED from SO_EE_ORIGIN_ICMP) is not a stamp
    [InlineData(42u, (byte)1)]  // right errno, wrong origin
    public void Error_queue_messages_that_are_not_stamps_are_refused(uint errno, byte origin)
    {
        var control = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 1), (0, 0), (0, 0)))
            .Add(SolIp, IpRecvErr, ControlMessageBuilder.ExtendedError(errno, origin, 0, 1))
            .ToArray();
        Assert.False(KernelTimestampParser.TryReadTransmit(control, out _));
    }

    [Fact]
    public void Tx_stamp_needs_both_parts_and_a_known_kind()
    {
        var stampOnly = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 1), (0, 0), (0, 0)))
            .ToArray();
        Assert.False(KernelTimestampParser.TryReadTransmit(stampOnly, out _));

        var shortError = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 1), (0, 0), (0, 0)))
            .Add(SolIp, IpRecvErr, new byte[15])
            .ToArray();
        Assert.False(KernelTimestampParser.TryReadTransmit(shortError, out _));

        var unknownKind = new ControlMessageBuilder()
            .Add(SolSocket, ScmTimestamping, ControlMessageBuilder.Timespecs((Sec, 1), (0, 0), (0, 0)))
            .Add(SolIp, IpRecvErr, ControlMessageBuilder.ExtendedError(42, 4, info: 3, data: 1))
            .ToArray();
        Assert.False(KernelTimestampParser.TryReadTransmit(unknownKind, out _));
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_never_read_out_of_bounds()
    {
        Gen.Byte.Array[0, 256].Sample(bytes =>
        {
            KernelTimestampParser.TryReadReceive(bytes, out _, out _);
            KernelTimestampParser.TryReadTransmit(bytes, out _);
            int walked = 0;
            ReadOnlySpan<byte> rest = bytes;
            while (ControlMessageReader.TryRead(rest, out var message, out int consumed))
            {
                Assert.InRange(consumed, ControlMessageReader.HeaderSize, rest.Length);
                Assert.InRange(message.Data.Length, 0, rest.Length - ControlMessageReader.HeaderSize);
                rest = rest[consumed..];
                walked++;
            }
            Assert.InRange(walked, 0, bytes.Length / ControlMessageReader.HeaderSize);
        }, iter: 20_000);
    }

    [Fact]
    public void Well_formed_messages_with_random_headers_are_walked_in_full()
    {
        var gen = Gen.Select(Gen.Int[0, 64], Gen.Int, Gen.Int).Array[1, 6];
        gen.Sample(messages =>
        {
            var builder = new ControlMessageBuilder();
            foreach (var (length, level, type) in messages)
                builder.Add(level, type, new byte[length]);
            ReadOnlySpan<byte> rest = builder.ToArray();
            int i = 0;
            while (ControlMessageReader.TryRead(rest, out var message, out int consumed))
            {
                Assert.Equal(messages[i].Item2, message.Level);
                Assert.Equal(messages[i].Item3, message.Type);
                Assert.Equal(messages[i].Item1, message.Data.Length);
                rest = rest[consumed..];
                i++;
            }
            Assert.Equal(messages.Length, i);
            Assert.Equal(0, rest.Length);
        }, iter: 2_000);
    }
}
