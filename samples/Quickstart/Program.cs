using System.Diagnostics;
using Dlt;
using Dlt.DuckDb;
using Quickstart;

// The README's main job: a seeded shop (250 products, 20,000 customers, 50,000 orders, all nested)
// loaded into ./quickstart.duckdb, then the row count of every table the load produced.
var destination = DuckDbDestination.Create("quickstart.duckdb");
var pipeline = Pipeline.Create("quickstart", destination, "quickstart_data");

var products = Resource.Create("products", ShopData.Products())
    .WithWriteDisposition(WriteDisposition.Replace)
    .WithPrimaryKey("sku");

// Dictionaries keep the API's own key names ("Customer ID", "firstName", "e-mail"); the naming
// convention turns them into snake_case columns. Deeper than two levels of child tables is JSON.
var customers = Resource.Create("customers", ShopData.Customers())
    .WithWriteDisposition(WriteDisposition.Replace)
    .WithPrimaryKey("Customer ID")
    .WithMaxTableNesting(2);

// Records in pages of 1,000: each yielded list travels through the pipeline as one unit.
var orders = Resource.Create("orders", ShopData.OrderPages())
    .WithWriteDisposition(WriteDisposition.Replace)
    .WithPrimaryKey("id")
    .WithColumns(new ColumnHint("total", DataType.Decimal) { Precision = 12, Scale = 2 });

var stopwatch = Stopwatch.StartNew();
LoadInfo info = await pipeline.RunAsync(Source.Create("shop", products, customers, orders));
stopwatch.Stop();

Console.WriteLine(info);
Console.WriteLine($"run took {stopwatch.Elapsed.TotalSeconds:F1} s");
Console.WriteLine();
RowCounts.Print(destination.DatabasePath, "quickstart_data");
