using VideoRelay.Core.Buffers;
using VideoRelay.Ingest.MpegTs.H264;
using VideoRelay.Ingest.MpegTs.Pes;

namespace VideoRelay.Ingest.MpegTs.Tests;

public class AvccAccessUnitWriterTests
{
    private static readonly byte[] s_idr = TestStreams.Slice(true, 700, 1);
    private static readonly byte[] s_sei = [0x06, 0x05, 0x01, 0x00, 0x80];

    [Fact]
    public void Converts_start_codes_to_lengths_and_drops_aud()
    {
        // AUD (4-byte start code), SPS, PPS (3-byte), SEI, IDR with a trailing zero byte.
        byte[] annexB = [.. TestStreams.AnnexB(TestStreams.Aud, TestStreams.Sps640x360, TestStreams.Pps, s_sei, s_idr), 0x00];
        byte[] expected = TestStreams.Avcc(TestStreams.Sps640x360, TestStreams.Pps, s_sei, s_idr);
        using TieredBufferPool pool = Pools.Diagnostic();
        using var writer = new AvccAccessUnitWriter(pool, 1 << 20);
        writer.Begin(-1);
        writer.Append(annexB);
        Assert.True(writer.TryFinish(out BufferLease lease, out int length));
        Assert.Equal(expected, lease.Span[..length].ToArray());
        Assert.True(writer.HasIdr);
        Assert.False(writer.HasBSlice);
        Assert.Equal(4, writer.NalCount);
        Assert.Equal(TestStreams.Sps640x360, lease.Span.Slice(writer.Sps.Offset, writer.Sps.Length).ToArray());
        Assert.Equal(TestStreams.Pps, lease.Span.Slice(writer.Pps.Offset, writer.Pps.Length).ToArray());
        lease.Release();
    }

    [Fact]
    public void Same_output_for_every_two_way_split()
    {
        byte[] annexB = TestStreams.AnnexB(TestStreams.Aud, TestStreams.Sps640x360, TestStreams.Pps, s_idr);
        byte[] expected = TestStreams.Avcc(TestStreams.Sps640x360, TestStreams.Pps, s_idr);
        using TieredBufferPool pool = Pools.Diagnostic();
        using var writer = new AvccAccessUnitWriter(pool, 1 << 20);
        for (int split = 0; split <= annexB.Length; split++)
        {
            writer.Begin(-1);
            writer.Append(annexB.AsSpan(0, split));
            writer.Append(annexB.AsSpan(split));
            Assert.True(writer.TryFinish(out BufferLease lease, out int length));
            Assert.Equal(expected, lease.Span[..length].ToArray());
            lease.Release();
        }
    }

    [Fact]
    public void Byte_by_byte_feeding_and_b_slice_detection()
    {
        byte[] bSlice = [0x01, 0xA8, 0x12, 0x34]; // first_mb 0 ('1'), slice_type '0100' → 1 (B)
        byte[] annexB = TestStreams.AnnexB(bSlice, [0x41, 0x88, 0x77]);
        using TieredBufferPool pool = Pools.Diagnostic();
        using var writer = new AvccAccessUnitWriter(pool, 1 << 20);
        writer.Begin(-1);
        foreach (byte b in annexB)
        {
            writer.Append([b]);
        }
        Assert.True(writer.TryFinish(out BufferLease lease, out int length));
        Assert.Equal(TestStreams.Avcc(bSlice, [0x41, 0x88, 0x77]), lease.Span[..length].ToArray());
        Assert.True(writer.HasBSlice);
        Assert.False(writer.HasIdr);
        lease.Release();
    }

    [Fact]
    public void Grows_into_a_bigger_block_and_enforces_the_bound()
    {
        byte[] big = TestStreams.Slice(true, 200_000, 3);
        using TieredBufferPool pool = Pools.Diagnostic();
        using (var writer = new AvccAccessUnitWriter(pool, 1 << 20))
        {
            writer.Begin(-1);
            writer.Append(TestStreams.AnnexB(big));
            Assert.True(writer.TryFinish(out BufferLease lease, out int length));
            byte[] actual = lease.Span[..length].ToArray();
            lease.Release();
            Assert.Equal(TestStreams.Avcc(big), actual);
        }
        using (var small = new AvccAccessUnitWriter(pool, 100_000))
        {
            small.Begin(-1);
            small.Append(TestStreams.AnnexB(big));
            Assert.False(small.TryFinish(out _, out _));
            Assert.Equal(PesFailure.TooLarge, small.Failure);
        }
    }

    [Fact]
    public void Payload_without_start_code_is_empty()
    {
        using TieredBufferPool pool = Pools.Diagnostic();
        using var writer = new AvccAccessUnitWriter(pool, 1 << 20);
        writer.Begin(-1);
        writer.Append([0x12, 0x34, 0x00, 0x00]);
        Assert.False(writer.TryFinish(out _, out _));
        Assert.Equal(PesFailure.Empty, writer.Failure);
    }
}
