using Dlt.Schemas.Naming;

namespace Dlt.Tests.Schemas.Naming;

// Expected values come from dlt's own tests and from running dlt's algorithm in Python.
public sealed class SnakeCaseNamingTests
{
    private static readonly SnakeCaseNaming Unlimited = new();
    private static readonly SnakeCaseNaming Postgres = new(63);

    [Theory]
    [InlineData("event value", "event_value")]
    [InlineData("event-.!:*<>value", "event_x_value")]
    [InlineData("1event_n'", "_1event_nx")]
    [InlineData("123BaNaNa", "_123_ba_na_na")]
    [InlineData("BANaNA", "ba_na_na")]
    [InlineData("Small Love Potion", "small_love_potion")]
    [InlineData("+-!$*@#=|:", "x_xa_lx")]
    [InlineData("+1", "x1")]
    [InlineData("-1", "_1")]
    [InlineData("DealFlow", "deal_flow")]
    [InlineData("BANANA____", "bananaxxxx")]
    public void Normalizes_the_examples_of_dlt_tests(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("camelCase", "camel_case")]
    [InlineData("HTTPResponse", "http_response")]
    [InlineData("getHTTPResponseCode", "get_http_response_code")]
    [InlineData("aBcDe", "a_bc_de")]
    [InlineData("ABcDe", "a_bc_de")]
    [InlineData("ABC", "abc")]
    [InlineData("value1Name", "value1_name")]
    [InlineData("v1V", "v1_v")]
    public void Breaks_camel_case_into_words(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("already_snake", "already_snake")]
    [InlineData("a__b", "a_b")]
    [InlineData("__a", "_a")]
    [InlineData("a-b-c", "a_b_c")]
    [InlineData("tab\tsep", "tab_sep")]
    public void Collapses_runs_of_underscores(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("_", "x")]
    [InlineData("__", "xx")]
    [InlineData("___", "xxx")]
    [InlineData("a_", "ax")]
    [InlineData("a\u00C4\u00D6", "ax")]
    public void Replaces_trailing_underscores_with_x(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("1", "_1")]
    [InlineData("0_0", "_0_0")]
    [InlineData("123abc", "_123abc")]
    public void Prefixes_a_leading_digit_with_an_underscore(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("Za\u017C\u00F3\u0142\u0107 g\u0119\u015Bl\u0105", "za_g_lx")]
    [InlineData("\u65E5\u672C\u8A9E", "x")]
    [InlineData("\u00E9moji\U0001F600key", "_moji_key")]
    [InlineData("a\U0001F600", "ax")]
    [InlineData("\U0001F600", "x")]
    [InlineData("\u00DC", "x")]
    public void Replaces_non_ascii_letters_like_any_other_character(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("x\u0663y", "x\u0663y")]
    [InlineData("\u0663abc", "_\u0663abc")]
    [InlineData("x\U0001D7D9", "x\U0001D7D9")]
    [InlineData("\U0001D7D9x", "_\U0001D7D9x")]
    public void Keeps_unicode_decimal_digits_as_python_regex_digits_do(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("  padded  ", "padded")]
    [InlineData("\u001Chi\u001F", "hi")]
    [InlineData("\u00A0nbsp\u3000", "nbsp")]
    public void Strips_surrounding_whitespace_as_python_does(string identifier, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizeIdentifier(identifier));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("\u001E")]
    public void Rejects_an_empty_or_whitespace_identifier(string identifier)
    {
        Assert.Throws<ArgumentException>(() => Unlimited.NormalizeIdentifier(identifier));
    }

    [Fact]
    public void Rejects_a_null_identifier()
    {
        Assert.Throws<ArgumentNullException>(() => Unlimited.NormalizeIdentifier(null!));
    }

    [Fact]
    public void Normalizes_table_identifiers_like_any_identifier()
    {
        Assert.Equal("small_love_potion", Unlimited.NormalizeTableIdentifier("Small Love Potion"));
    }

    [Fact]
    public void Has_double_underscore_as_path_separator()
    {
        Assert.Equal("__", Unlimited.PathSeparator);
    }

    [Fact]
    public void Has_no_length_limit_by_default()
    {
        Assert.Null(Unlimited.MaxLength);
        string longName = new('a', 10_000);
        Assert.Equal(longName, Unlimited.NormalizeIdentifier(longName));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Rejects_a_max_length_shorter_than_the_tag(int maxLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnakeCaseNaming(maxLength));
    }

    [Theory]
    [InlineData("small___love__potion___x", "small___love__potion___x")]
    [InlineData("a__b", "a__b")]
    [InlineData("a____b", "a__b")]
    [InlineData("a__ __b", "a__b")]
    [InlineData("a__b__", "a__b")]
    [InlineData("Parse Data__Response Selector", "parse_data__response_selector")]
    [InlineData("  x  ", "x")]
    public void Normalizes_each_fragment_of_a_path(string path, string expected)
    {
        Assert.Equal(expected, Unlimited.NormalizePath(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("__")]
    [InlineData("  __  ")]
    public void Gives_an_empty_path_when_every_fragment_is_empty(string path)
    {
        Assert.Equal(string.Empty, Unlimited.NormalizePath(path));
    }

    [Fact]
    public void Joins_fragments_with_the_separator()
    {
        Assert.Equal("abc__def", Unlimited.ShortenFragments("abc", "def"));
        Assert.Equal("abc", Unlimited.ShortenFragments("abc"));
    }

    [Fact]
    public void Skips_whitespace_fragments_when_joining()
    {
        Assert.Equal("abc__def", Unlimited.ShortenFragments("abc", " ", "def"));
        Assert.Equal(string.Empty, Unlimited.ShortenFragments("  "));
    }

    [Fact]
    public void Rejects_joining_no_fragments()
    {
        Assert.Throws<ArgumentException>(() => Unlimited.ShortenFragments());
    }

    [Fact]
    public void Rejects_a_null_fragment()
    {
        Assert.Throws<ArgumentException>(() => Unlimited.ShortenFragments("a", null!));
    }

    // Names dlt gave in PostgreSQL (max 63) to the rasa corpus (shared/conformance/README.md).
    [Theory]
    [InlineData(
        "parse_data__response_selector__default__response__intent_response_key",
        "parse_data__response_selectorawvqkwesponse__intent_response_key")]
    [InlineData(
        "rasa_user_load__parse_data__response_selector__all_retrieval_intents",
        "rasa_user_load__parse_data__ruaogsaector__all_retrieval_intents")]
    [InlineData(
        "rasa_user_load__parse_data__response_selector__default__response__responses",
        "rasa_user_load__parse_data__rknjdpwdefault__response__responses")]
    [InlineData(
        "rasa_user_load__parse_data__response_selector__default__response__response_templates",
        "rasa_user_load__parse_data__rzb150wresponse__response_templates")]
    [InlineData(
        "rasa_bot_metadata__metadata__transaction_history__deposit__employer",
        "rasa_bot_metadata__metadata__iaaadan_history__deposit__employer")]
    [InlineData(
        "rasa_bot_metadata__metadata__transaction_history__deposit__interest",
        "rasa_bot_metadata__metadata__0i4d9wn_history__deposit__interest")]
    [InlineData(
        "rasa_bot_metadata__metadata__transaction_history__spend__starbucks",
        "rasa_bot_metadata__metadata__j0x0zqon_history__spend__starbucks")]
    [InlineData(
        "rasa_bot_metadata__metadata__transaction_history__spend__amazon",
        "rasa_bot_metadata__metadata__transaction_history__spend__amazon")]
    public void Shortens_nested_names_as_dlt_did_for_postgres(string longName, string expected)
    {
        string[] fragments = longName.Split("__");

        Assert.Equal(expected, Postgres.ShortenFragments(fragments));
        Assert.Equal(expected, Postgres.NormalizePath(longName));
        Assert.Equal(63, expected.Length);
    }

    [Fact]
    public void Tags_a_shortened_identifier_with_a_hash_of_the_trimmed_original()
    {
        var naming = new SnakeCaseNaming(30);
        const string identifier = "Very Long Column Name With Many Words That Exceeds The Limit";

        Assert.Equal("very_long_coyww2zwds_the_limit", naming.NormalizeIdentifier(identifier));
        Assert.Equal("very_long_coyww2zwds_the_limit", naming.NormalizeIdentifier("  " + identifier + "  "));
    }

    [Theory]
    [InlineData(31, "very_long_colyww2zwds_the_limit")]
    [InlineData(7, "vyww2zw")]
    [InlineData(6, "yww2zw")]
    public void Keeps_one_more_character_before_the_tag_when_the_rest_is_odd(int maxLength, string expected)
    {
        var naming = new SnakeCaseNaming(maxLength);

        string shortened = naming.NormalizeIdentifier("Very Long Column Name With Many Words That Exceeds The Limit");

        Assert.Equal(expected, shortened);
        Assert.Equal(maxLength, shortened.Length);
    }

    [Theory]
    [InlineData(63, "ababababababababababababababaf9fgwaabababababababababababababab")]
    [InlineData(64, "ababababababababababababababaf9fgwababababababababababababababab")]
    public void Shortens_only_identifiers_longer_than_the_limit(int maxLength, string expected)
    {
        var naming = new SnakeCaseNaming(maxLength);
        string identifier = string.Concat(Enumerable.Repeat("ab", 40));

        Assert.Equal(expected, naming.NormalizeIdentifier(identifier));
        Assert.Equal(identifier[..maxLength], new SnakeCaseNaming(80).NormalizeIdentifier(identifier)[..maxLength]);
    }

    [Fact]
    public void Tags_a_shortened_path_with_a_hash_of_the_original_path()
    {
        var naming = new SnakeCaseNaming(40);
        const string path = "Parse Data__Response Selector__Default Response__Intent Response Key";

        Assert.Equal("parse_data__respo7zezvgtent_response_key", naming.NormalizePath(path));
        Assert.Equal("parse_data__resposom7watent_response_key", naming.NormalizePath("  " + path));
    }

    [Fact]
    public void Tags_shortened_fragments_with_a_hash_of_the_joined_fragments()
    {
        var naming = new SnakeCaseNaming(40);

        string shortened = naming.ShortenFragments(
            "parse_data", "response_selector", "default_response", "intent_response_key");

        Assert.Equal("parse_data__respova3spwtent_response_key", shortened);
    }

    [Fact]
    public void Shortens_a_long_fragment_before_shortening_the_path()
    {
        var naming = new SnakeCaseNaming(40);

        Assert.Equal("aaaaaaaaaaaaaaaaalh1u6gaaaaaaaaaaaaaaaaa", naming.NormalizeIdentifier(new string('a', 50)));
        Assert.Equal(
            "aaaaaaaaaaaaaaaaa0kna3gbbbbbbbbbbbbbbbbb",
            naming.NormalizePath(new string('a', 50) + "__" + new string('b', 50)));
    }

    [Fact]
    public void Counts_length_in_code_points()
    {
        var naming = new SnakeCaseNaming(20);
        string identifier = "x" + string.Concat(Enumerable.Repeat("\U0001D7D9", 20)) + new string('y', 20);

        string shortened = naming.NormalizeIdentifier(identifier);

        Assert.Equal("x" + string.Concat(Enumerable.Repeat("\U0001D7D9", 6)) + "u0qhogyyyyyyy", shortened);
        Assert.Equal(20, shortened.EnumerateRunes().Count());
    }

    [Fact]
    public void Normalizes_long_identifiers_beyond_the_stack_buffers()
    {
        string identifier = string.Concat(Enumerable.Repeat("SomeWord-", 100));

        string normalized = Unlimited.NormalizeIdentifier(identifier);

        Assert.Equal(string.Concat(Enumerable.Repeat("some_word_", 100))[..^1] + "x", normalized);
    }

    [Fact]
    public void Is_safe_to_share_between_threads()
    {
        string[] results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = Postgres.NormalizePath(
            "rasa_user_load__parse_data__response_selector__all_retrieval_intents"));

        Assert.All(results, r => Assert.Equal("rasa_user_load__parse_data__ruaogsaector__all_retrieval_intents", r));
    }
}
