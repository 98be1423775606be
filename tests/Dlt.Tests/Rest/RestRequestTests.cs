using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class RestRequestTests
{
    [Fact]
    public void Query_parameters_are_escaped_and_appended_to_the_urls_own_query()
    {
        var request = new RestRequest(HttpMethod.Get, new Uri("https://api.example.com/items?sort=asc"));
        request.Query["q"] = "a b&c";
        request.Query["page"] = "2";

        Assert.Equal("https://api.example.com/items?sort=asc&q=a%20b%26c&page=2", request.RequestUri.AbsoluteUri);
    }

    [Fact]
    public async Task A_request_header_wins_over_a_default_header_and_the_json_body_is_utf8_json()
    {
        var request = new RestRequest(HttpMethod.Post, new Uri("https://api.example.com/search")) { Json = new { query = "é" } };
        request.Headers["X-Tenant"] = "mine";

        using var message = request.ToMessage(new Dictionary<string, string> { ["X-Tenant"] = "default", ["Accept"] = "application/json" });

        Assert.Equal(["mine"], message.Headers.GetValues("X-Tenant"));
        Assert.Equal(["application/json"], message.Headers.GetValues("Accept"));
        Assert.Equal("application/json; charset=utf-8", message.Content!.Headers.ContentType!.ToString());
        Assert.Equal("""{"query":"\u00E9"}""", await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_relative_url_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new RestRequest(HttpMethod.Get, new Uri("/items", UriKind.Relative)));
    }
}
