namespace Dlt.Rest;

/// <summary>Reads the <c>Link</c> header (RFC 8288): <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
internal static class LinkHeader
{
    /// <summary>The URL of the first link whose <c>rel</c> holds <paramref name="relation"/>; null when none.</summary>
    public static string? Find(HttpResponseMessage response, string relation)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var position = 0;
            while (value.IndexOf('<', position) is var open and >= 0 && value.IndexOf('>', open) is var close and >= 0)
            {
                var next = value.IndexOf('<', close);
                var parameters = next < 0 ? value[(close + 1)..] : value[(close + 1)..next];
                if (HasRelation(parameters, relation))
                {
                    return value[(open + 1)..close].Trim();
                }

                if (next < 0)
                {
                    break;
                }

                position = next;
            }
        }

        return null;
    }

    private static bool HasRelation(string parameters, string relation)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                var relations = parameter[(equals + 1)..].Trim().Trim(',').Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (relations.Contains(relation, StringComparer.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
