using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VideoRelay.WebRtc.Dtls;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Sdp;
using SdpFingerprint = VideoRelay.WebRtc.Sdp.DtlsFingerprint;

namespace VideoRelay.Edge.Tests;

/// <summary>The WHEP resource over HTTP: statuses, headers, CORS.</summary>
public class WhepHttpTests : IAsyncLifetime
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate("http tests");
    private EdgeHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await EdgeHarness.StartAsync(o => o.MaxOfferBytes = 8192);
        _h.AddStream("live");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string Offer()
    {
        IceCredentials c = IceCredentials.Generate();
        return WhepOfferBuilder.Build(c.Ufrag, c.Password, new SdpFingerprint("sha-256", Certificate.Sha256.Span));
    }

    private static StringContent Sdp(string body) => new(body, Encoding.UTF8, "application/sdp");

    [Fact]
    public async Task Offer_for_an_unknown_stream_is_404()
    {
        using HttpResponseMessage r = await _h.Http.PostAsync("whep/nope", Sdp(Offer()));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Fact]
    public async Task Offer_with_the_wrong_content_type_is_415()
    {
        using HttpResponseMessage r = await _h.Http.PostAsync("whep/live", new StringContent(Offer(), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        Assert.Equal(0, _h.Edge.ViewerCount);
    }

    [Theory]
    [InlineData("this is not SDP")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n")] // valid, but no media at all
    [InlineData("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n")]
    public async Task Malformed_or_unusable_sdp_is_400(string body)
    {
        using HttpResponseMessage r = await _h.Http.PostAsync("whep/live", Sdp(body));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(0, _h.Edge.ViewerCount);
    }

    [Fact]
    public async Task Offer_larger_than_the_limit_is_400_with_or_without_content_length()
    {
        string big = Offer() + "a=x-padding:" + new string('x', 9000) + "\r\n";
        using HttpResponseMessage withLength = await _h.Http.PostAsync("whep/live", Sdp(big));
        Assert.Equal(HttpStatusCode.BadRequest, withLength.StatusCode);

        var chunked = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        using HttpResponseMessage withoutLength = await _h.Http.PostAsync("whep/live", chunked);
        Assert.Equal(HttpStatusCode.BadRequest, withoutLength.StatusCode);
        Assert.Equal(0, _h.Edge.ViewerCount);
    }

    [Fact]
    public async Task Created_session_has_location_etag_and_cors_and_delete_ends_it_once()
    {
        using HttpResponseMessage r = await _h.Http.PostAsync("whep/live", Sdp(Offer()));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal("application/sdp", r.Content.Headers.ContentType?.MediaType);
        Uri location = r.Headers.Location!;
        Assert.True(location.IsAbsoluteUri, "Location must be absolute so a redirected player deletes the session on this edge");
        Assert.StartsWith(new Uri(_h.BaseUrl, "/whep/live/").ToString(), location.ToString());
        Assert.NotNull(r.Headers.ETag);
        Assert.Equal("*", Assert.Single(r.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Location", string.Join(",", r.Headers.GetValues("Access-Control-Expose-Headers")));
        RemoteAnswer answer = RemoteAnswer.Parse(await r.Content.ReadAsStringAsync());
        Assert.True(answer.IceLite);
        Assert.Equal(_h.Edge.UdpEndPoint.Port, answer.Candidates[0].Port);
        Assert.Equal(1, _h.Edge.ViewerCount);

        Uri session = new(_h.BaseUrl, location);
        using HttpResponseMessage deleted = await _h.Http.DeleteAsync(session);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, _h.Edge.ViewerCount);
        using HttpResponseMessage again = await _h.Http.DeleteAsync(session);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Patch_is_405_since_the_edge_does_not_trickle()
    {
        using HttpResponseMessage created = await _h.Http.PostAsync("whep/live", Sdp(Offer()));
        Uri session = new(_h.BaseUrl, created.Headers.Location!);
        var patch = new HttpRequestMessage(HttpMethod.Patch, session)
        {
            Content = new StringContent("a=end-of-candidates\r\n", Encoding.UTF8, "application/trickle-ice-sdpfrag"),
        };
        using HttpResponseMessage r = await _h.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, r.StatusCode);
        Assert.Contains("DELETE", r.Content.Headers.Allow);
    }

    [Fact]
    public async Task Options_preflight_answers_cors_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "whep/live");
        request.Headers.Add("Origin", "http://player.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using HttpResponseMessage r = await _h.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("*", Assert.Single(r.Headers.GetValues("Access-Control-Allow-Origin")));
        string methods = string.Join(",", r.Headers.GetValues("Access-Control-Allow-Methods"));
        Assert.Contains("POST", methods);
        Assert.Contains("DELETE", methods);
        Assert.Contains("Content-Type", string.Join(",", r.Headers.GetValues("Access-Control-Allow-Headers")));
    }

    /// <summary>A body without a known length, so the request goes chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
