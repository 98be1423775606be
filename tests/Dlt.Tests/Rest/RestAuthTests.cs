using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class RestAuthTests
{
    private const string Secret = "s3cr3t-value";

    public static TheoryData<RestAuth> Auths() => new()
    {
        new BearerTokenAuth(Secret),
        new ApiKeyAuth(Secret, "X-Api-Key"),
        new ApiKeyAuth(Secret, "api_key", ApiKeyLocation.Query),
        new HttpBasicAuth("me", Secret),
        new OAuth2ClientCredentials(new Uri("https://auth.example.com/token"), "client", Secret),
    };

    [Theory]
    [MemberData(nameof(Auths))]
    public void To_string_names_the_auth_without_its_secret(RestAuth auth)
    {
        var text = auth.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.StartsWith(auth.GetType().Name + "(", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }
}
