using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://api.example.com/items?page=2&api_key=s3cr3t", "https://api.example.com/items?page=2&api_key=***")]
    [InlineData("https://api.example.com/items?TOKEN=s3cr3t&client_secret=x&pwd=y", "https://api.example.com/items?TOKEN=***&client_secret=***&pwd=***")]
    [InlineData("https://user:hunter2@api.example.com/items", "https://user:***@api.example.com/items")]
    [InlineData("https://api.example.com/items?page=2", "https://api.example.com/items?page=2")]
    public void Masks_secret_query_values_and_passwords(string url, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Sanitize(new Uri(url), []));
    }

    [Fact]
    public void Masks_the_clients_own_api_key_parameter()
    {
        Assert.Equal("https://api.example.com/w?q=x&appid=***", UrlRedaction.Sanitize(new Uri("https://api.example.com/w?q=x&appid=abc"), ["appid"]));
    }
}
