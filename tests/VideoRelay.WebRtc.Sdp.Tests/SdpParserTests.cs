using System.Text;
using CsCheck;

namespace VideoRelay.WebRtc.Sdp.Tests;

public sealed class SdpParserTests
{
    private static string Valid => TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1");

    private static SdpParseException Refused(string sdp) => Assert.Throws<SdpParseException>(() => SdpParser.Parse(sdp));

    [Fact]
    public void Accepts_lf_only_line_endings()
    {
        SessionDescription d = SdpParser.Parse(Valid.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("0", d.Media.Single().Mid);
    }

    [Fact]
    public void Rejects_more_than_64_KiB()
    {
        string big = Valid + string.Concat(Enumerable.Repeat("a=x-padding:" + new string('x', 1000) + "\r\n", 66));
        SdpParseException e = Refused(big);
        Assert.Contains("65536-byte limit", e.Message, StringComparison.Ordinal);
        Assert.Throws<SdpParseException>(() => SdpParser.Parse(Encoding.UTF8.GetBytes(big)));
    }

    [Fact]
    public void Rejects_more_than_2000_lines()
    {
        string many = Valid + string.Concat(Enumerable.Repeat("a=x\r\n", 2000));
        Assert.Contains("2000 lines", Refused(many).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_overlong_line()
    {
        SdpParseException e = Refused(Valid + "a=x-long:" + new string('y', 5000) + "\r\n");
        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
        int expectedLine = Valid.Split("\r\n").Length; // the line right after the valid ones
        Assert.Equal(expectedLine, e.LineNumber);
    }

    [Fact]
    public void Rejects_invalid_utf8_bytes()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("v=0\r\ns="), 0xC3, 0x28, 13, 10];
        Assert.Contains("UTF-8", Assert.Throws<SdpParseException>(() => SdpParser.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("o=- 1 2 IN IP4 127.0.0.1\r\n", "first line must be v=0")]
    [InlineData("v=1\r\n", "first line must be v=0")]
    [InlineData("v=0\r\nm=video 9 RTP/AVP 96\r\n", "o= and s=")]
    [InlineData("v=0\r\no=- 1 2 IN IP4\r\ns=-\r\n", "o= needs 6 fields")]
    [InlineData("v=0\r\nhello\r\n", "<letter>=<value>")]
    [InlineData("v=0\r\nA=b\r\n", "<letter>=<value>")]
    public void Rejects_malformed_session_lines(string sdp, string message)
    {
        Assert.Contains(message, Refused(sdp).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m=video 9 UDP/TLS/RTP/SAVPF 102", "m=video 9 UDP/TLS/RTP/SAVPF", "m= needs")]
    [InlineData("m=video 9 UDP/TLS/RTP/SAVPF 102", "m=video 70000 UDP/TLS/RTP/SAVPF 102", "bad m= port")]
    [InlineData("m=video 9 UDP/TLS/RTP/SAVPF 102", "m=video 9 UDP/TLS/RTP/SAVPF 200", "bad payload type")]
    [InlineData("a=rtpmap:102 H264/90000", "a=rtpmap:102 H264", "bad a=rtpmap")]
    [InlineData("a=rtpmap:102 H264/90000", "a=rtpmap:300 H264/90000", "bad a=rtpmap")]
    [InlineData("a=fmtp:102 packetization-mode=1", "a=fmtp:x packetization-mode=1", "bad a=fmtp")]
    [InlineData("a=mid:0", "a=mid:", "needs a value")]
    [InlineData("a=setup:actpass", "a=setup:maybe", "bad a=setup")]
    [InlineData("a=ice-ufrag:abcd", "a=ice-ufrag:abc", "ice-ufrag")]
    [InlineData("a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=ice-pwd:short", "ice-pwd")]
    [InlineData("a=fingerprint:sha-256 AB", "a=fingerprint:sha-256 ZZ", "bad a=fingerprint")]
    [InlineData("a=rtcp-mux", "a=extmap:15 urn:x", "bad a=extmap")]
    [InlineData("a=rtcp-mux", "a=rtcp-fb:102", "bad a=rtcp-fb")]
    [InlineData("a=rtcp-mux", "a=candidate:1 1 udp 1 1.2.3.4 99999 typ host", "bad a=candidate")]
    [InlineData("a=rtcp-mux", "a=ssrc:abc cname:x", "bad a=ssrc")]
    [InlineData("c=IN IP4 0.0.0.0", "c=IP4 0.0.0.0", "c= must be")]
    public void Rejects_malformed_media_lines_with_the_line_number(string from, string to, string message)
    {
        string sdp = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, sdp);
        SdpParseException e = Refused(sdp);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.True(e.LineNumber > 0);
        Assert.StartsWith($"SDP line {e.LineNumber}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_duplicate_mid_and_extmap_id()
    {
        Assert.Contains("duplicate a=mid", Refused(Valid + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n").Message, StringComparison.Ordinal);
        Assert.Contains("duplicate a=extmap", Refused(Valid + "a=extmap:1 urn:a\r\na=extmap:1 urn:b\r\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_too_many_media_sections()
    {
        string sdp = Valid + string.Concat(Enumerable.Range(1, 64).Select(i => $"m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:m{i}\r\n"));
        Assert.Contains("media sections", Refused(sdp).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_attributes_and_line_types_are_kept_or_skipped()
    {
        SessionDescription d = SdpParser.Parse(Valid + "b=AS:2000\r\na=x-google-flag:conference\r\na=content:main\r\n");
        Assert.Equal("main", d.Media[0].GetAttribute("content"));
    }

    [Fact]
    public void Random_text_never_throws_anything_but_SdpParseException()
    {
        Gen.String[Gen.Char["v=0\r\nmacsto:/ 0123456789IN"], 0, 300].Sample(text =>
        {
            try
            {
                SdpParser.Parse(text);
            }
            catch (SdpParseException)
            {
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Mutated_browser_offers_never_throw_anything_but_the_two_sdp_exceptions()
    {
        string offer = TestData.Offer("firefox-128-recvonly.sdp");
        Gen.Int[0, offer.Length - 1].Select(Gen.Char["0123456789 :/=;\r\nabcmx*-"]).Array[1, 4].Sample(edits =>
        {
            char[] chars = offer.ToCharArray();
            foreach ((int at, char c) in edits)
            {
                chars[at] = c;
            }
            try
            {
                WhepAnswerBuilder.Build(SdpParser.Parse(new string(chars)), TestData.Local());
            }
            catch (SdpParseException)
            {
            }
            catch (SdpNegotiationException)
            {
            }
        }, iter: 3_000);
    }
}
