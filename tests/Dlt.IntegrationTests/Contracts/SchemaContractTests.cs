using System.Globalization;
using Dlt.DuckDb;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Contracts;

/// <summary>
/// Schema contracts (reference §4.8) on real pipelines into DuckDB: every mode for tables, columns
/// and data types, where they are set (resource, source, run), and the freeze exception.
/// </summary>
public sealed class SchemaContractTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Resource Items(params string[] json) => Resource.Create("items", Json.Items(json));

    /// <summary>A first run that creates <c>items</c> (id bigint, name text) and its nested table <c>items__tags</c>, with every entity evolving.</summary>
    private async Task<Pipeline> LoadedOnceAsync()
    {
        var pipeline = _dir.CreatePipeline();
        await pipeline.RunAsync(Items("""{"id": 1, "name": "a", "tags": ["x"]}"""));
        return pipeline;
    }

    private static SchemaContractViolationException Violation(PipelineStepFailedException failure) =>
        Assert.IsType<SchemaContractViolationException>(failure.InnerException);

    [Fact]
    public async Task Columns_evolve_adds_the_new_column()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": 2, "name": "b", "extra": "e"}""", """{"id": 3, "name": "c"}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.Evolve }));

        using var db = _dir.OpenDatabase();
        var rows = db.Query($"SELECT id, extra FROM {db.Table("items")} ORDER BY id");
        Assert.Equal([[1L, null], [2L, "e"], [3L, null]], rows);
    }

    [Fact]
    public async Task Columns_freeze_fails_the_normalize_step_naming_table_column_type_and_contract()
    {
        var pipeline = await LoadedOnceAsync();

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            pipeline.RunAsync(Items("""{"id": 2, "name": "b", "extra": "e"}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.Freeze })));

        Assert.Equal("normalize", failure.Step);
        var violation = Violation(failure);
        Assert.Equal(("items", "extra", SchemaContractEntity.Columns, ContractMode.Freeze, DataType.Text), (violation.TableName, violation.ColumnName, violation.Entity, violation.Mode, violation.DataType));
        Assert.Equal(
            "Cannot add column 'extra' (a text value) to table 'items': the schema contract of table 'items' (schema 'test') sets 'columns' to 'freeze'. Change the data, or the contract on the resource, source or run: 'columns' as 'evolve' accepts the change, 'discard_value' or 'discard_row' drop it.",
            violation.Message);
        Assert.Contains(violation.Message, failure.Message, StringComparison.Ordinal);
        using var db = _dir.OpenDatabase();
        Assert.Equal(1L, db.Count("items"));
        Assert.DoesNotContain("extra", db.ColumnNames("items"));
    }

    [Fact]
    public async Task Columns_discard_row_drops_the_rows_with_the_new_column_and_their_nested_rows()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": 2, "extra": "e", "tags": ["dropped"]}""", """{"id": 3, "tags": ["kept"]}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.DiscardRow }));

        using var db = _dir.OpenDatabase();
        Assert.Equal([1L, 3L], db.Query($"SELECT id FROM {db.Table("items")} ORDER BY id").Select(r => r[0]));
        Assert.Equal(["kept", "x"], db.Query($"SELECT value FROM {db.Table("items__tags")} ORDER BY value").Select(r => r[0]));
        Assert.DoesNotContain("extra", db.ColumnNames("items"));
    }

    [Fact]
    public async Task Columns_discard_value_drops_only_the_new_field()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": 2, "name": "b", "extra": "e"}""", """{"id": 3, "name": "c"}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.DiscardValue }));

        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L, "a"], [2L, "b"], [3L, "c"]], db.Query($"SELECT id, name FROM {db.Table("items")} ORDER BY id"));
        Assert.DoesNotContain("extra", db.ColumnNames("items"));
    }

    [Fact]
    public async Task Tables_evolve_creates_new_root_and_nested_tables()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(
            [Items("""{"id": 2, "parts": [{"p": 1}]}"""), Resource.Create("other", Json.Items("""{"o": 1}"""))],
            new SchemaContract { Tables = ContractMode.Evolve });

        using var db = _dir.OpenDatabase();
        Assert.Equal(1L, db.Count("other"));
        Assert.Equal(1L, db.Count("items__parts"));
    }

    [Fact]
    public async Task Tables_freeze_fails_the_extract_step_for_a_new_resource_table()
    {
        var pipeline = await LoadedOnceAsync();

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            pipeline.RunAsync([Items("""{"id": 2}"""), Resource.Create("other", Json.Items("""{"o": 1}"""))], new SchemaContract { Tables = ContractMode.Freeze }));

        Assert.Equal("extract", failure.Step);
        var violation = Violation(failure);
        Assert.Equal(("other", null, SchemaContractEntity.Tables, ContractMode.Freeze, null), (violation.TableName, violation.ColumnName, violation.Entity, violation.Mode, violation.DataType));
        Assert.StartsWith("Cannot add table 'other': the schema contract of table 'other' (schema 'test') sets 'tables' to 'freeze'.", violation.Message, StringComparison.Ordinal);
        using var db = _dir.OpenDatabase();
        Assert.Equal(1L, db.Count("items"));
    }

    [Fact]
    public async Task Tables_freeze_fails_the_normalize_step_for_a_new_nested_table()
    {
        var pipeline = await LoadedOnceAsync();

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            pipeline.RunAsync(Items("""{"id": 2, "parts": [{"p": 1}]}""").WithSchemaContract(new SchemaContract { Tables = ContractMode.Freeze })));

        Assert.Equal("normalize", failure.Step);
        var violation = Violation(failure);
        Assert.Equal(("items__parts", SchemaContractEntity.Tables), (violation.TableName, violation.Entity));
    }

    [Theory]
    [InlineData(ContractMode.DiscardRow)]
    [InlineData(ContractMode.DiscardValue)]
    public async Task Tables_discard_modes_drop_every_row_of_new_tables_but_load_existing_ones(ContractMode mode)
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(
            [Items("""{"id": 2, "parts": [{"p": 1, "deeper": [1, 2]}], "tags": ["y"]}"""), Resource.Create("other", Json.Items("""{"o": 1}"""))],
            new SchemaContract { Tables = mode });

        using var db = _dir.OpenDatabase();
        Assert.Equal(["items", "items__tags"], db.Tables().Where(t => !t.StartsWith("_dlt", StringComparison.Ordinal)));
        Assert.Equal([1L, 2L], db.Query($"SELECT id FROM {db.Table("items")} ORDER BY id").Select(r => r[0]));
        Assert.Equal(2L, db.Count("items__tags"));
    }

    [Fact]
    public async Task Data_type_evolve_adds_a_variant_column()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": "two"}""").WithSchemaContract(new SchemaContract { DataType = ContractMode.Evolve }));

        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L, null], [null, "two"]], db.Query($"SELECT id, id__v_text FROM {db.Table("items")} ORDER BY id NULLS LAST"));
    }

    [Fact]
    public async Task Data_type_freeze_fails_naming_the_variant_column_and_the_value_type()
    {
        var pipeline = await LoadedOnceAsync();

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            pipeline.RunAsync(Items("""{"id": "two"}""").WithSchemaContract(new SchemaContract { DataType = ContractMode.Freeze })));

        var violation = Violation(failure);
        Assert.Equal(("items", "id__v_text", SchemaContractEntity.DataType, ContractMode.Freeze, DataType.Text), (violation.TableName, violation.ColumnName, violation.Entity, violation.Mode, violation.DataType));
        Assert.StartsWith("Cannot add variant column 'id__v_text' to table 'items' for a text value that does not fit column 'id': the schema contract of table 'items' (schema 'test') sets 'data_type' to 'freeze'.", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_type_discard_row_drops_the_row_with_the_mistyped_value()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": "two", "name": "b"}""", """{"id": 3, "name": "c"}""").WithSchemaContract(new SchemaContract { DataType = ContractMode.DiscardRow }));

        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L, "a"], [3L, "c"]], db.Query($"SELECT id, name FROM {db.Table("items")} ORDER BY id"));
        Assert.DoesNotContain("id__v_text", db.ColumnNames("items"));
    }

    [Fact]
    public async Task Data_type_discard_value_loads_the_row_without_the_mistyped_value()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": "two", "name": "b"}""").WithSchemaContract(new SchemaContract { DataType = ContractMode.DiscardValue }));

        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L, "a"], [null, "b"]], db.Query($"SELECT id, name FROM {db.Table("items")} ORDER BY name"));
        Assert.DoesNotContain("id__v_text", db.ColumnNames("items"));
    }

    [Fact]
    public async Task Data_type_contract_does_not_apply_to_new_columns()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync(Items("""{"id": 2, "extra": "e"}""").WithSchemaContract(new SchemaContract { DataType = ContractMode.Freeze }));

        using var db = _dir.OpenDatabase();
        Assert.Equal("e", db.Scalar($"SELECT extra FROM {db.Table("items")} WHERE id = 2"));
    }

    [Fact]
    public async Task A_new_table_takes_all_columns_of_its_first_load_under_frozen_columns_then_freezes()
    {
        // Given a resource whose columns are frozen from the start
        var pipeline = _dir.CreatePipeline();
        var contract = new SchemaContract { Columns = ContractMode.Freeze };

        // When its first load brings different columns in different rows
        await pipeline.RunAsync(Items("""{"id": 1}""", """{"id": 2, "late": "l"}""").WithSchemaContract(contract));

        // Then all of them are created (evolve-columns-once), and the next load may add none
        using (var db = _dir.OpenDatabase())
        {
            Assert.Equal([[1L, null], [2L, "l"]], db.Query($"SELECT id, late FROM {db.Table("items")} ORDER BY id"));
        }

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Items("""{"id": 3, "later": 1}""").WithSchemaContract(contract)));
        Assert.Equal(("later", DataType.BigInt), (Violation(failure).ColumnName, Violation(failure).DataType));
    }

    [Theory]
    [InlineData("""{"id": 2, "extra": 1}""", "items", SchemaContractEntity.Columns)]
    [InlineData("""{"id": "x"}""", "items", SchemaContractEntity.DataType)]
    [InlineData("""{"id": 2, "parts": [1]}""", "items__parts", SchemaContractEntity.Tables)]
    public async Task The_freeze_shorthand_freezes_tables_columns_and_data_types(string item, string table, SchemaContractEntity entity)
    {
        var pipeline = await LoadedOnceAsync();

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Items(item).WithSchemaContract(SchemaContract.Parse("freeze"))));

        Assert.Equal((table, entity), (Violation(failure).TableName, Violation(failure).Entity));
    }

    [Fact]
    public async Task A_package_that_violates_a_frozen_contract_is_set_aside_and_the_next_run_loads_new_data()
    {
        // Given a run that failed on a frozen column
        var pipeline = await LoadedOnceAsync();
        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync([Items("""{"id": 2, "extra": 1}""")], SchemaContract.Freeze));
        Assert.Equal("extra", Violation(failure).ColumnName);
        Assert.Contains($"Load package {failure.LoadId} was set aside", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RetryAbortedPackage", failure.Message, StringComparison.Ordinal);

        // When the next run brings data that fits
        await pipeline.RunAsync(Items("""{"id": 3}"""));

        // Then it loads: the violating package no longer blocks the pipeline, and its row is not loaded
        using (var db = _dir.OpenDatabase())
        {
            Assert.Equal([1L, 3L], db.Query($"SELECT id FROM {db.Table("items")} ORDER BY id").Select(r => r[0]));
        }

        // And retried under the contract it was extracted with, it is set aside again with the same violation
        pipeline.RetryAbortedPackage(failure.LoadId!);
        var again = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.NormalizeAsync());
        Assert.Equal(failure.LoadId, again.LoadId);
        Assert.Equal("extra", Violation(again).ColumnName);
    }

    [Fact]
    public async Task Rows_that_fit_the_schema_load_under_freeze()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync([Items("""{"id": 2, "name": "b", "tags": ["y", "z"]}""", """{"id": "3"}""")], SchemaContract.Freeze);

        using var db = _dir.OpenDatabase();
        Assert.Equal([1L, 2L, 3L], db.Query($"SELECT id FROM {db.Table("items")} ORDER BY id").Select(r => r[0]));
        Assert.Equal(3L, db.Count("items__tags"));
    }

    [Fact]
    public async Task A_resource_contract_wins_over_the_source_contract()
    {
        var pipeline = await LoadedOnceAsync();
        var source = Source.Create("test", Items("""{"id": 2, "extra": "e"}""").WithSchemaContract(SchemaContract.Evolve)).WithSchemaContract(SchemaContract.Freeze);

        await pipeline.RunAsync(source);

        using var db = _dir.OpenDatabase();
        Assert.Equal("e", db.Scalar($"SELECT extra FROM {db.Table("items")} WHERE id = 2"));
    }

    [Fact]
    public async Task A_source_contract_applies_to_resources_without_one()
    {
        var pipeline = await LoadedOnceAsync();
        var source = Source.Create("test", Items("""{"id": 2, "extra": "e"}""")).WithSchemaContract(new SchemaContract { Columns = ContractMode.DiscardValue });

        await pipeline.RunAsync(source);

        using var db = _dir.OpenDatabase();
        Assert.Equal(2L, db.Count("items"));
        Assert.DoesNotContain("extra", db.ColumnNames("items"));
    }

    [Fact]
    public async Task A_run_contract_overrides_the_resource_contract()
    {
        var pipeline = await LoadedOnceAsync();

        await pipeline.RunAsync([Items("""{"id": 2, "extra": "e"}""").WithSchemaContract(SchemaContract.Freeze)], SchemaContract.Evolve);

        using var db = _dir.OpenDatabase();
        Assert.Equal("e", db.Scalar($"SELECT extra FROM {db.Table("items")} WHERE id = 2"));
    }

    [Fact]
    public async Task The_contract_stays_in_the_schema_for_later_runs_of_the_resource()
    {
        // Given a run that set a frozen columns contract on the resource
        var pipeline = await LoadedOnceAsync();
        await pipeline.RunAsync(Items("""{"id": 2}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.Freeze }));

        // When the next run brings a new column without saying anything about contracts
        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Items("""{"id": 3, "extra": 1}""")));

        // Then the stored contract still applies (and is in the exported schema)
        Assert.Equal(("items", "extra"), (Violation(failure).TableName, Violation(failure).ColumnName));
        Assert.Contains("schema_contract:\n      columns: freeze", pipeline.ExportSchemaYaml(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public async Task Contract_outcome_does_not_depend_on_normalize_workers_or_on_normalizing_alongside_extract(int workers, bool runInOneCall)
    {
        // Given items loaded once, then 200 items whose new nested table gets a new column from item 100 on
        // (the nested table is new only in the first rows: later rows may not add columns under discard_row)
        var pipeline = CreatePipeline(workers);
        await pipeline.RunAsync(Items("""{"id": 0}"""));
        var items = Enumerable.Range(1, 200).Select(i => i < 100
            ? $$"""{"id": {{i}}, "parts": [{"a": {{i}}}]}"""
            : $$"""{"id": {{i}}, "parts": [{"a": {{i}}, "b": {{i}}}]}""").ToArray();
        var resource = Items(items).WithSchemaContract(new SchemaContract { Columns = ContractMode.DiscardRow });

        // When
        if (runInOneCall)
        {
            await pipeline.RunAsync(resource);
        }
        else
        {
            await pipeline.ExtractAsync([resource]);
            await pipeline.NormalizeAsync();
            await pipeline.LoadAsync();
        }

        // Then exactly the nested rows of items 1..99 load, as one worker normalizing in order gives
        using var db = _dir.OpenDatabase();
        Assert.Equal(201L, db.Count("items"));
        Assert.Equal(99L, db.Count("items__parts"));
        Assert.Equal(99L, Convert.ToInt64(db.Scalar($"SELECT max(a) FROM {db.Table("items__parts")}"), CultureInfo.InvariantCulture));
        Assert.DoesNotContain("b", db.ColumnNames("items__parts"));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public async Task A_freeze_violation_is_raised_whatever_the_workers_once_the_nested_table_exists(int workers, bool runInOneCall)
    {
        // Given the same items under frozen columns
        var pipeline = CreatePipeline(workers);
        await pipeline.RunAsync(Items("""{"id": 0}"""));
        var items = Enumerable.Range(1, 200).Select(i => i < 100
            ? $$"""{"id": {{i}}, "parts": [{"a": {{i}}}]}"""
            : $$"""{"id": {{i}}, "parts": [{"a": {{i}}, "b": {{i}}}]}""").ToArray();
        var resource = Items(items).WithSchemaContract(new SchemaContract { Columns = ContractMode.Freeze });

        // When / Then the first item with b fails, as it does in order
        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(async () =>
        {
            if (runInOneCall)
            {
                await pipeline.RunAsync(resource);
            }
            else
            {
                await pipeline.ExtractAsync([resource]);
                await pipeline.NormalizeAsync();
            }
        });
        Assert.Equal(("items__parts", "b"), (Violation(failure).TableName, Violation(failure).ColumnName));
    }

    private Pipeline CreatePipeline(int workers) =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "512MB" }), "test_data", _dir.Options with
        {
            BufferMaxItems = 25,
            NormalizeSegmentMinItems = 25,
            EnvironmentVariables = new Dictionary<string, string> { ["NORMALIZE__WORKERS"] = workers.ToString(CultureInfo.InvariantCulture) },
        });
}
