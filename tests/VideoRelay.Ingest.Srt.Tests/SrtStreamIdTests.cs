using System.Net;
using System.Runtime.InteropServices;
using VideoRelay.Ingest.Srt.Interop;

namespace VideoRelay.Ingest.Srt.Tests;

public class SrtStreamIdTests
{
    [Theory]
    [InlineData("#!::r=test,m=publish", "test", SrtStreamMode.Publish, null)]
    [InlineData("#!::m=publish,r=live/demo,k=secret", "live/demo", SrtStreamMode.Publish, "secret")]
    [InlineData("#!::r=cam1,m=publish,s=abc,u=bob", "cam1", SrtStreamMode.Publish, "abc")]
    [InlineData("#!::r=cam1,m=publish,s=abc,k=xyz", "cam1", SrtStreamMode.Publish, "xyz")]
    [InlineData("#!::r=test,m=request", "test", SrtStreamMode.Request, null)]
    [InlineData("#!::r=test", "test", SrtStreamMode.Request, null)] // the spec's default mode
    [InlineData("publish:test", "test", SrtStreamMode.Publish, null)]
    [InlineData("publish:a.b_c-d?key=k1", "a.b_c-d", SrtStreamMode.Publish, "k1")]
    [InlineData("publish:x?foo=1&key=k2", "x", SrtStreamMode.Publish, "k2")]
    public void Parses(string text, string resource, SrtStreamMode mode, string? key)
    {
        Assert.True(SrtStreamId.TryParse(text, out SrtStreamId id));
        Assert.Equal(new SrtStreamId(resource, mode, key), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test")]
    [InlineData("#!::m=publish")]
    [InlineData("#!::r=,m=publish")]
    [InlineData("#!::r=a b,m=publish")]
    [InlineData("#!::r=test,m=steal")]
    [InlineData("#!::r=test,mpublish")]
    [InlineData("publish:")]
    [InlineData("publish:bad name")]
    [InlineData("play:test")]
    public void Refuses(string? text) => Assert.False(SrtStreamId.TryParse(text, out _));

    [Fact]
    public void Refuses_overlong_names_and_ids()
    {
        Assert.False(SrtStreamId.TryParse("publish:" + new string('a', SrtStreamId.MaxNameLength + 1), out _));
        Assert.False(SrtStreamId.TryParse("#!::r=a,m=publish,u=" + new string('u', SrtStreamId.MaxLength), out _));
    }

    [Fact]
    public void Interop_layouts_match_srt_h()
    {
        // Values printed by offsetof/sizeof against /usr/include/srt/srt.h (libsrt 1.5.1, x86-64).
        Assert.Equal(48, Marshal.SizeOf<SrtMsgCtrl>());
        Assert.Equal(16, (int)Marshal.OffsetOf<SrtMsgCtrl>(nameof(SrtMsgCtrl.SrcTime)));
        Assert.Equal(28, (int)Marshal.OffsetOf<SrtMsgCtrl>(nameof(SrtMsgCtrl.MsgNo)));
        Assert.Equal(46, (int)SrtOption.StreamId);
        Assert.Equal(43, (int)SrtOption.RcvLatency);
        Assert.Equal(50, (int)SrtOption.TransType);
    }

    [Fact]
    public void Sockaddr_round_trips()
    {
        Span<byte> buffer = stackalloc byte[SockAddr.MaxSize];
        var v4 = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 9000);
        Assert.Equal(16, SockAddr.Write(v4, buffer));
        Assert.Equal("02-00-23-28-C0-00-02-07", BitConverter.ToString(buffer[..8].ToArray()));
        Assert.Equal(v4, SockAddr.Read(buffer));
        var v6 = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 1234);
        Assert.Equal(28, SockAddr.Write(v6, buffer));
        Assert.Equal(v6, SockAddr.Read(buffer));
    }
}
