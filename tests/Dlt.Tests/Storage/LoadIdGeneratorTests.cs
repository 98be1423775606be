using System.Globalization;
using Dlt.Storage;
using Dlt.Tests.Support;

namespace Dlt.Tests.Storage;

/// <summary>Load ids order packages by age, both as numbers and as strings.</summary>
public sealed class LoadIdGeneratorTests
{
    [Fact]
    public void Ids_from_a_frozen_clock_are_strictly_increasing_and_sort_as_strings()
    {
        // Given
        var generator = new LoadIdGenerator(new FixedClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero)));

        // When
        var ids = Enumerable.Range(0, 1000).Select(_ => generator.Next()).ToList();

        // Then
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var numbers = ids.Select(id => decimal.Parse(id, CultureInfo.InvariantCulture)).ToList();
        Assert.All(numbers.Zip(numbers.Skip(1)), pair => Assert.True(pair.Second > pair.First));
    }

    [Fact]
    public async Task Two_pipelines_of_the_process_extracting_at_the_same_instant_get_different_load_ids()
    {
        // Given two pipelines (as the partitions of a run are) that read one frozen clock
        var clock = new FixedClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var first = new NormalizeRun(new PipelineOptions { TimeProvider = clock });
        using var second = new NormalizeRun(new PipelineOptions { TimeProvider = clock });

        // When each extracts a package
        var firstId = await first.Pipeline.ExtractAsync([Resource.Create("items", new[] { new { n = 1 } })]);
        var secondId = await second.Pipeline.ExtractAsync([Resource.Create("items", new[] { new { n = 2 } })]);

        // Then the ids differ, so the destination's record of one package never speaks for the other
        Assert.NotEqual(firstId, secondId);
        Assert.True(string.CompareOrdinal(secondId, firstId) > 0);
    }

    [Fact]
    public void An_id_is_the_unix_time_in_seconds_with_a_fraction()
    {
        // Given
        var generator = new LoadIdGenerator(new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250)));

        // When
        var id = generator.Next();

        // Then
        Assert.Matches(@"^\d+\.\d+$", id);
        Assert.Equal(1_700_000_000.25m, decimal.Parse(id, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ids_keep_increasing_when_the_clock_goes_back()
    {
        // Given
        var clock = new FixedClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var generator = new LoadIdGenerator(clock);
        var before = generator.Next();

        // When
        clock.Now = clock.Now.AddHours(-1);
        var after = generator.Next();

        // Then
        Assert.True(string.CompareOrdinal(after, before) > 0);
    }

    [Fact]
    public void The_next_id_sorts_after_an_existing_package_from_the_future()
    {
        // Given
        var generator = new LoadIdGenerator(new FixedClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero)));
        var existing = "1900000000.123456";

        // When
        generator.After(existing);
        var next = generator.Next();

        // Then
        Assert.True(string.CompareOrdinal(next, existing) > 0);
        Assert.True(decimal.Parse(next, CultureInfo.InvariantCulture) > decimal.Parse(existing, CultureInfo.InvariantCulture));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
