using System.Text;
using VideoRelay.Ingest.MpegTs.Aac;
using VideoRelay.Ingest.MpegTs.H264;
using VideoRelay.Ingest.MpegTs.Pes;
using VideoRelay.Ingest.MpegTs.Psi;
using VideoRelay.Ingest.MpegTs.Ts;

namespace VideoRelay.Ingest.MpegTs.Tests;

public class ParserTests
{
    [Fact]
    public void Crc32Mpeg2_check_value()
    {
        // The catalogue check value of CRC-32/MPEG-2 over "123456789".
        Assert.Equal(0x0376E6E7u, Crc32Mpeg2.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Pat_from_ffmpeg_parses()
    {
        // The PAT section ffmpeg's mpegts muxer writes (service 1, PMT PID 0x1000).
        byte[] section = Convert.FromHexString("00B00D0001C100000001F0002AB104B2");
        Assert.True(ProgramAssociationTable.TryRead(section, out ProgramAssociationTable pat, out int consumed));
        Assert.Equal(0x1000, pat.PmtPid);
        Assert.Equal(1, pat.ProgramNumber);
        Assert.Equal(section.Length, consumed);
        section[^1] ^= 1;
        Assert.False(ProgramAssociationTable.TryRead(section, out _, out _));
    }

    [Fact]
    public void Packet_header_round_trips()
    {
        var header = new TsPacketHeader { PayloadUnitStart = true, Pid = 0x1ABC, HasAdaptationField = true, HasPayload = true, ContinuityCounter = 13 };
        Span<byte> buffer = stackalloc byte[4];
        Assert.True(header.TryWrite(buffer, out int written));
        Assert.Equal(4, written);
        Assert.Equal([0x47, 0x5A, 0xBC, 0x3D], buffer.ToArray());
        Assert.True(TsPacketHeader.TryRead(buffer, out TsPacketHeader read, out int consumed));
        Assert.Equal(4, consumed);
        Assert.Equal(header, read);
        buffer[0] = 0x48;
        Assert.False(TsPacketHeader.TryRead(buffer, out _, out _));
    }

    [Fact]
    public void Adaptation_field_reads_pcr_flags_and_stuffing()
    {
        // length 7: flags (random access + PCR), PCR base 0x1_0000_0001, ext 0x123
        byte[] af = [7, 0x50, 0x80, 0x00, 0x00, 0x00, 0xFF, 0x23];
        Assert.True(AdaptationField.TryRead(af, out AdaptationField field, out int consumed));
        Assert.Equal(8, consumed);
        Assert.True(field.RandomAccess);
        Assert.False(field.Discontinuity);
        Assert.False(field.HasStuffing);
        Assert.Equal((0x1_0000_0001L * 300) + 0x123, field.Pcr);

        byte[] stuffed = [5, 0x80, 0xFF, 0xFF, 0xFF, 0xFF];
        Assert.True(AdaptationField.TryRead(stuffed, out field, out consumed));
        Assert.Equal(6, consumed);
        Assert.True(field.Discontinuity);
        Assert.True(field.HasStuffing);
        Assert.Equal(-1, field.Pcr);

        Assert.False(AdaptationField.TryRead([184], out _, out _)); // longer than a packet allows
        Assert.False(AdaptationField.TryRead([3, 0x10, 0, 0], out _, out _)); // PCR flag but too short
    }

    [Theory]
    [InlineData(0L, -1L)]
    [InlineData(0x1_FFFF_FFFFL, 0x1_FFFF_0000L)]
    [InlineData(123_456_789L, 123_450_000L)]
    public void Pes_header_round_trips_timestamps(long pts, long dts)
    {
        var header = new PesHeader { StreamId = 0xE0, Pts = pts, Dts = dts, PacketLength = 0 };
        byte[] buffer = new byte[PesHeader.MaxSize];
        Assert.True(header.TryWrite(buffer, out int written));
        Assert.Equal(dts < 0 ? 14 : 19, written);
        Assert.True(PesHeader.TryRead(buffer.AsSpan(0, written), out PesHeader read, out int consumed));
        Assert.Equal(written, consumed);
        Assert.Equal(pts, read.Pts);
        Assert.Equal(dts, read.Dts);
        Assert.Equal(0xE0, read.StreamId);
        Assert.Equal(-1, read.PayloadLength);
        Assert.False(PesHeader.TryRead(buffer.AsSpan(0, written - 1), out _, out _));
    }

    [Fact]
    public void Pes_header_vectors_from_ffmpeg()
    {
        // ffmpeg 5.1's first video and audio PES headers (PTS 128090 and 126000, as ffprobe reports).
        Assert.True(PesHeader.TryRead(Convert.FromHexString("000001E0000080800521 0007E8B5".Replace(" ", "")), out PesHeader video, out int consumed));
        Assert.Equal(14, consumed);
        Assert.Equal(128_090, video.Pts);
        Assert.Equal(-1, video.Dts);
        Assert.Equal(-1, video.PayloadLength);
        Assert.True(PesHeader.TryRead(Convert.FromHexString("000001C00B3B8080052100 07D861".Replace(" ", "")), out PesHeader audio, out _));
        Assert.Equal(126_000, audio.Pts);
        Assert.Equal(0x0B3B + 6 - 14, audio.PayloadLength);
    }

    [Fact]
    public void Timestamps_extend_across_the_33_bit_wrap()
    {
        var ext = new TimestampExtender();
        long wrap = 1L << 33;
        Assert.Equal(wrap - 3000, ext.Extend(wrap - 3000));
        Assert.Equal(wrap + 1000, ext.Extend(1000));
        Assert.Equal(wrap - 1000, ext.Extend(wrap - 1000)); // a DTS just behind the wrap
        Assert.Equal(wrap + 4000, ext.Extend(4000));
    }

    [Fact]
    public void Exp_golomb_and_emulation_prevention()
    {
        // bits: 1 | 010 | 011 | 00100 | 00101 → ue 0, 1, 2, 3; se(00101 = 4) = -2
        byte[] data = [0b1010_0110, 0b0100_0010, 0b1000_0000];
        var r = new RbspBitReader(data);
        Assert.Equal(0u, r.ReadUe());
        Assert.Equal(1u, r.ReadUe());
        Assert.Equal(2u, r.ReadUe());
        Assert.Equal(3u, r.ReadUe());
        Assert.Equal(-2, r.ReadSe());
        Assert.False(r.Overrun);

        // 00 00 03 01 reads as 00 00 01.
        var e = new RbspBitReader([0x00, 0x00, 0x03, 0x01]);
        Assert.Equal(0u, e.ReadBits(16));
        Assert.Equal(1u, e.ReadBits(8));
        e.ReadBits(1);
        Assert.True(e.Overrun);

        var zeros = new RbspBitReader(new byte[8]);
        Assert.Equal(0u, zeros.ReadUe());
        Assert.True(zeros.Overrun);
    }

    [Fact]
    public void Exp_golomb_reader_skips_emulation_prevention_bytes()
    {
        // Moved from the RTMP ingest's NalBitReader tests (that reader is gone; the SPS parser is in core).
        // 0x00 0x00 0x03 0x01: the 0x03 is not RBSP; bits are 00000000 00000000 00000001 1...
        var r = new RbspBitReader([0x00, 0x00, 0x03, 0x01, 0x80]);
        Assert.Equal(0u, r.ReadBits(16));
        Assert.Equal(1u, r.ReadBits(8));
        Assert.True(r.ReadFlag());
        Assert.False(r.Overrun);
        var ue = new RbspBitReader([0b0010_0110]); // ue(00100) = 3, then ue(1) = 0
        Assert.Equal(3u, ue.ReadUe());
        Assert.Equal(0u, ue.ReadUe());
        Assert.Equal(-1, new RbspBitReader([0b0110_0000]).ReadSe()); // ue 2 → se -1
    }

    [Theory]
    [InlineData(2, 3, 2, "1190")] // AAC-LC 48 kHz stereo
    [InlineData(2, 4, 2, "1210")] // AAC-LC 44.1 kHz stereo
    [InlineData(1, 6, 1, "0B08")] // AAC Main, 24 kHz mono
    public void Adts_header_round_trips_and_gives_audio_specific_config(int objectType, int rateIndex, int channels, string asc)
    {
        byte[] frame = new byte[7 + 300];
        Assert.True(AdtsHeader.TryWrite(frame, objectType, rateIndex, channels, 300, out int written));
        Assert.Equal(7, written);
        Assert.True(AdtsHeader.TryRead(frame, out AdtsHeader header, out int consumed));
        Assert.Equal(7, consumed);
        Assert.Equal(307, header.FrameLength);
        Assert.Equal(objectType, header.ObjectType);
        Assert.Equal(channels, header.ChannelConfiguration);
        byte[] config = new byte[2];
        Assert.True(header.TryWriteAudioSpecificConfig(config, out _));
        Assert.Equal(asc, Convert.ToHexString(config));
    }

    [Fact]
    public void Adts_header_rejects_bad_input()
    {
        Assert.False(AdtsHeader.TryRead([0xFF, 0xF1, 0x4C, 0x80], out _, out _)); // short
        Assert.False(AdtsHeader.TryRead([0xFF, 0xE1, 0x4C, 0x80, 0x20, 0x1F, 0xFC], out _, out _)); // bad sync
        Assert.False(AdtsHeader.TryRead([0xFF, 0xF1, 0x7C, 0x80, 0x20, 0x1F, 0xFC], out _, out _)); // rate index 15
        Assert.False(AdtsHeader.TryRead([0xFF, 0xF1, 0x4C, 0x80, 0x00, 0x1F, 0xFC], out _, out _)); // frame length 0
    }
}
