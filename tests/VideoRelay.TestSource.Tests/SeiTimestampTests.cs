using System.Buffers.Binary;
using VideoRelay.TestSource;

namespace VideoRelay.TestSource.Tests;

public sealed class SeiTimestampTests
{
    [Fact]
    public void Writes_the_specified_bytes()
    {
        Span<byte> nal = stackalloc byte[SeiTimestamp.MaxNalSize];
        Assert.True(SeiTimestamp.TryWrite(nal, 0x0102_0304_0506_0708, 0x0A0B_0C0D, out int written));
        byte[] expected =
        [
            0x06, 0x05, 0x1C,
            0x56, 0x49, 0x44, 0x45, 0x4F, 0x52, 0x45, 0x4C, 0x41, 0x59, 0x54, 0x49, 0x4D, 0x45, 0x30, 0x31,
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x0A, 0x0B, 0x0C, 0x0D,
            0x80,
        ];
        Assert.Equal(expected, nal[..written].ToArray());
    }

    [Fact]
    public void Inserts_emulation_prevention_bytes()
    {
        // ms = 1 → 00 00 00 00 00 00 00 01; counter = 3 → 00 00 00 03.
        Span<byte> nal = stackalloc byte[SeiTimestamp.MaxNalSize];
        Assert.True(SeiTimestamp.TryWrite(nal, 1, 3, out int written));
        byte[] expectedTail =
        [
            0x00, 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x01, // 00 00 00 00 00 00 00 01
            0x00, 0x00, 0x03, 0x00, 0x03,                               // 00 00 00 03
            0x80,
        ];
        Assert.Equal(expectedTail, nal[19..written].ToArray());
        Assert.True(NoStartCodeEmulation(nal[..written]));

        Assert.True(SeiTimestamp.TryRead(nal[..written], out long ms, out uint counter));
        Assert.Equal(1, ms);
        Assert.Equal(3u, counter);
    }

    [Theory]
    [InlineData(0L, 0u)]
    [InlineData(1_795_000_000_123L, 17u)]
    [InlineData(0x0000_0100_0000_0000L, 0x0000_0001u)]
    [InlineData(long.MaxValue, uint.MaxValue)]
    [InlineData(0x0003_0000_0300_0002L, 0x0000_0300u)]
    public void Round_trips(long ms, uint counter)
    {
        Span<byte> nal = stackalloc byte[SeiTimestamp.MaxNalSize];
        Assert.True(SeiTimestamp.TryWrite(nal, ms, counter, out int written));
        Assert.True(NoStartCodeEmulation(nal[..written]));
        Assert.True(SeiTimestamp.TryRead(nal[..written], out long readMs, out uint readCounter));
        Assert.Equal(ms, readMs);
        Assert.Equal(counter, readCounter);
    }

    [Fact]
    public void Write_fails_without_room()
    {
        Span<byte> small = stackalloc byte[20];
        Assert.False(SeiTimestamp.TryWrite(small, 5, 5, out _));
        Assert.False(SeiTimestamp.TryWrite([], 5, 5, out _));
        Assert.False(SeiTimestamp.TryWriteAvcc(small[..3], 5, 5, out _));
    }

    [Fact]
    public void Finds_the_sei_in_an_avcc_access_unit_after_other_nals_and_messages()
    {
        byte[] au = new byte[256];
        int pos = 0;
        pos += WriteAvcc(au.AsSpan(pos), [0x09, 0xF0]);                                   // AUD
        pos += WriteAvcc(au.AsSpan(pos), [0x06, 0x05, 0x10, .. new byte[16], 0x80]);      // another vendor's user data (zero uuid)
        pos += WriteAvcc(au.AsSpan(pos), [0x06, 0x01, 0x02, 0xAA, 0xBB, 0x05, 0x1C, .. SeiTimestamp.Uuid, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 8, 0x80]);
        Assert.True(SeiTimestamp.TryWriteAvcc(au.AsSpan(pos), 123_456, 7, out int w));  // ours, written by us
        pos += w;
        pos += WriteAvcc(au.AsSpan(pos), [0x65, 0x88, 0x84, 0x00]);                       // IDR slice

        // The second message of the third NAL comes first.
        Assert.True(SeiTimestamp.TryFindInAccessUnit(au.AsSpan(0, pos), out long ms, out uint counter));
        Assert.Equal(9, ms);
        Assert.Equal(8u, counter);
    }

    [Fact]
    public void Ignores_truncated_or_lying_lengths()
    {
        byte[] au = new byte[64];
        Assert.True(SeiTimestamp.TryWriteAvcc(au, 1000, 1, out int w));
        Assert.False(SeiTimestamp.TryFindInAccessUnit(au.AsSpan(0, w - 1), out _, out _));
        BinaryPrimitives.WriteUInt32BigEndian(au, 0xFFFF_FFF0);
        Assert.False(SeiTimestamp.TryFindInAccessUnit(au.AsSpan(0, w), out _, out _));
        // payloadSize larger than the NAL
        Assert.False(SeiTimestamp.TryRead([0x06, 0x05, 0x40, .. SeiTimestamp.Uuid, 1, 2, 3], out _, out _));
        // endless 0xFF payload type
        byte[] ff = new byte[2000];
        Array.Fill(ff, (byte)0xFF);
        ff[0] = 0x06;
        Assert.False(SeiTimestamp.TryRead(ff, out _, out _));
        // not an SEI
        Assert.False(SeiTimestamp.TryRead([0x65, 0x05, 0x1C], out _, out _));
    }

    [Fact]
    public void Does_not_mutate_input()
    {
        byte[] nal = new byte[SeiTimestamp.MaxNalSize];
        Assert.True(SeiTimestamp.TryWrite(nal, 1, 3, out int written));
        byte[] copy = nal.ToArray();
        Assert.True(SeiTimestamp.TryRead(nal.AsSpan(0, written), out _, out _));
        Assert.Equal(copy, nal);
    }

    private static int WriteAvcc(Span<byte> dst, ReadOnlySpan<byte> nal)
    {
        BinaryPrimitives.WriteInt32BigEndian(dst, nal.Length);
        nal.CopyTo(dst[4..]);
        return 4 + nal.Length;
    }

    private static bool NoStartCodeEmulation(ReadOnlySpan<byte> nal)
    {
        for (int i = 0; i + 2 < nal.Length; i++)
            if (nal[i] == 0 && nal[i + 1] == 0 && nal[i + 2] <= 2)
                return false;
        return true;
    }
}
