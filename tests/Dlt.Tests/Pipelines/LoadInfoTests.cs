using Dlt.DuckDb;

namespace Dlt.Tests.Pipelines;

public sealed class LoadInfoTests
{
    [Fact]
    public void Reads_like_dlt_load_info()
    {
        // Given
        var destination = DuckDbDestination.Create("/data/shop.duckdb");
        var info = new LoadInfo("shop", destination, "shop_data", [new LoadPackageInfo("1764300000.123456", LoadPackageState.Loaded, 3, 0)], new Dictionary<string, long>(), TimeSpan.FromSeconds(1.234));

        // When
        var text = info.ToString();

        // Then
        Assert.Equal(
            "Pipeline shop load step completed in 1.23 seconds\n" +
            "1 load package(s) were loaded to destination duckdb and into dataset shop_data\n" +
            "The duckdb destination used /data/shop.duckdb location to store data\n" +
            "Load package 1764300000.123456 is LOADED and contains no failed jobs",
            text);
    }
}
