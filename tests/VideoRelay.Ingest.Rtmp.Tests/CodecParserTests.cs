using VideoRelay.Ingest.Rtmp.Codecs;
using VideoRelay.Ingest.Rtmp.Flv;
using VideoRelay.Ingest.Rtmp.Tests.Support;

namespace VideoRelay.Ingest.Rtmp.Tests;

public sealed class CodecParserTests
{
    [Fact]
    public void Avc_decoder_configuration_record_gives_sps_pps_and_length_size()
    {
        byte[] tag = FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720, nalLengthSize: 2);
        Assert.True(AvcDecoderConfigurationRecord.TryRead(tag.AsSpan(5), out AvcDecoderConfigurationRecord? record, out int consumed));
        Assert.Equal(tag.Length - 5, consumed);
        Assert.Equal(Vectors.Sps720, record!.Sps);
        Assert.Equal(Vectors.Pps720, record.Pps);
        Assert.Equal(2, record.NalLengthSize);
    }

    [Fact]
    public void Avc_decoder_configuration_record_refuses_bad_input()
    {
        byte[] good = FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720).AsSpan(5).ToArray();
        for (int length = 0; length < good.Length; length++)
        {
            Assert.False(AvcDecoderConfigurationRecord.TryRead(good.AsSpan(0, length), out _, out _));
        }
        byte[] lengthSize3 = [.. good];
        lengthSize3[4] = 0xFE;
        Assert.False(AvcDecoderConfigurationRecord.TryRead(lengthSize3, out _, out _));
        byte[] hugeSps = [.. good];
        hugeSps[6] = 0xFF;
        Assert.False(AvcDecoderConfigurationRecord.TryRead(hugeSps, out _, out _));
        byte[] badVersion = [.. good];
        badVersion[0] = 0;
        Assert.False(AvcDecoderConfigurationRecord.TryRead(badVersion, out _, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x10 }, 2, 44100, 2)]
    [InlineData(new byte[] { 0x12, 0x08 }, 2, 44100, 1)]
    [InlineData(new byte[] { 0x11, 0x90 }, 2, 48000, 2)]
    [InlineData(new byte[] { 0x13, 0x88 }, 2, 22050, 1)]
    [InlineData(new byte[] { 0x17, 0x80, 0x01, 0xF4, 0x10 }, 2, 1000, 2)] // explicit 24-bit rate (index 15)
    [InlineData(new byte[] { 0x2B, 0x92, 0x08, 0x00 }, 5, 22050, 2)] // HE-AAC signalled explicitly
    public void Audio_specific_config_gives_rate_and_channels(byte[] asc, int objectType, int rate, int channels)
    {
        Assert.True(AudioSpecificConfigInfo.TryRead(asc, out AudioSpecificConfigInfo info));
        Assert.Equal(objectType, info.ObjectType);
        Assert.Equal(rate, info.SampleRate);
        Assert.Equal(channels, info.Channels);
    }

    [Theory]
    [InlineData(new byte[] { 0x12 })]
    [InlineData(new byte[] { 0x16, 0x90 })] // sampling index 13: reserved
    [InlineData(new byte[] { 0x00, 0x10 })] // object type 0
    [InlineData(new byte[] { 0x17, 0x80 })] // explicit rate truncated
    public void Audio_specific_config_refuses_bad_input(byte[] asc) =>
        Assert.False(AudioSpecificConfigInfo.TryRead(asc, out _));

    [Fact]
    public void Video_tag_header_reads_avc_fields_and_signed_composition_time()
    {
        byte[] key = [0x17, 0x01, 0x00, 0x00, 0x42];
        Assert.True(FlvVideoTagHeader.TryRead(key, out FlvVideoTagHeader header, out int consumed));
        Assert.Equal(5, consumed);
        Assert.True(header.IsKeyframe);
        Assert.Equal(FlvVideoTagHeader.CodecAvc, header.CodecId);
        Assert.Equal(FlvVideoTagHeader.AvcNalu, header.AvcPacketType);
        Assert.Equal(0x42, header.CompositionTimeMs);

        Assert.True(FlvVideoTagHeader.TryRead([0x27, 0x01, 0xFF, 0xFF, 0xDF], out header, out _));
        Assert.False(header.IsKeyframe);
        Assert.Equal(-33, header.CompositionTimeMs);

        Assert.False(FlvVideoTagHeader.TryRead([0x17, 0x01, 0x00], out _, out _));
    }

    [Fact]
    public void Video_tag_header_recognises_enhanced_rtmp()
    {
        byte[] hevc = [0x91, (byte)'h', (byte)'v', (byte)'c', (byte)'1', 0x00];
        Assert.True(FlvVideoTagHeader.TryRead(hevc, out FlvVideoTagHeader header, out int consumed));
        Assert.True(header.IsEnhanced);
        Assert.Equal("hvc1", header.FourCcText);
        Assert.Equal(1, header.FrameType);
        Assert.Equal(5, consumed);
    }

    [Fact]
    public void Audio_tag_header_reads_aac_packet_type()
    {
        Assert.True(FlvAudioTagHeader.TryRead([0xAF, 0x00, 0x12, 0x10], out FlvAudioTagHeader header, out int consumed));
        Assert.Equal(FlvAudioTagHeader.FormatAac, header.SoundFormat);
        Assert.Equal(FlvAudioTagHeader.AacSequenceHeader, header.AacPacketType);
        Assert.Equal(2, consumed);
        Assert.True(FlvAudioTagHeader.TryRead([0x2F, 0xFF], out header, out consumed));
        Assert.Equal(2, header.SoundFormat); // MP3
        Assert.Equal(1, consumed);
        Assert.False(FlvAudioTagHeader.TryRead([0xAF], out _, out _));
    }

    [Fact]
    public void Nal_scan_checks_lengths_and_widen_converts_to_four_byte_prefixes()
    {
        byte[] tag = FlvTags.AvcFrame(true, 0, 2, [0x65, 0x88, 0x84], [0x06, 0x05]);
        ReadOnlySpan<byte> nals = tag.AsSpan(5);
        Assert.True(FlvMediaDemuxer.TryScanNals(nals, 2, out int count, out bool idr));
        Assert.Equal(2, count);
        Assert.True(idr);
        var wide = new byte[nals.Length + count * 2];
        FlvMediaDemuxer.Widen(nals, 2, wide);
        Assert.Equal(FlvTags.AvcFrame(true, 0, 4, [0x65, 0x88, 0x84], [0x06, 0x05]).AsSpan(5).ToArray(), wide);

        Assert.False(FlvMediaDemuxer.TryScanNals([0, 0, 0, 9, 0x41], 4, out _, out _)); // length past the end
        Assert.False(FlvMediaDemuxer.TryScanNals([0, 0, 0], 4, out _, out _)); // truncated prefix
        Assert.True(FlvMediaDemuxer.TryScanNals([0, 0, 0, 1, 0x41], 4, out _, out idr));
        Assert.False(idr);
    }
}
