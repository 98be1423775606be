using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class RestClientOptionsTests
{
    [Fact]
    public void Every_default_is_the_documented_value()
    {
        var options = new RestClientOptions();

        Assert.Empty(options.Headers);
        Assert.Null(options.Auth);
        Assert.Null(options.Paginator);
        Assert.Null(options.DataSelector);
        Assert.Null(options.Runtime);
        Assert.Null(options.Configuration);
        Assert.Null(options.EnvironmentVariables);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("ftp://api.example.com")]
    [InlineData("/v1")]
    public void A_base_url_that_is_not_absolute_http_is_refused(string baseUrl)
    {
        var error = Assert.Throws<ArgumentException>(() => new RestClient(baseUrl, new RestClientOptions { Runtime = new() }));

        Assert.Contains("is not an absolute http or https URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.example.com/v1", "items", "https://api.example.com/v1/items")]
    [InlineData("https://api.example.com/v1/", "/items?a=1", "https://api.example.com/v1/items?a=1")]
    [InlineData("https://api.example.com/v1", "", "https://api.example.com/v1/")]
    [InlineData("https://api.example.com/v1", "https://other.example.com/x", "https://other.example.com/x")]
    public void Paths_join_the_base_url_and_absolute_urls_bypass_it(string baseUrl, string path, string expected)
    {
        using var client = new RestClient(baseUrl, new RestClientOptions { Runtime = new() });

        Assert.Equal(expected, client.CreateRequest(HttpMethod.Get, path).RequestUri.AbsoluteUri);
    }
}
