using System.Text.Json;
using Dlt.Configuration;
using Dlt.Extract;
using Dlt.Normalize;
using Dlt.Progress;
using Dlt.Pipelines;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

public sealed partial class Pipeline
{
    private static readonly JsonSerializerOptions s_itemJsonOptions = ItemJsonConverters.CreateOptions();

    /// <summary>Extracts the resources of <paramref name="source"/> into a new load package, without normalizing or loading it.</summary>
    public async Task<string> ExtractAsync(Source source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var extracted = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(source.Section, source.Name, source.Resources, Contracts.Of(source), normalizeAlongside: false, cancellationToken))).ConfigureAwait(false);
        return extracted.LoadId;
    }

    /// <summary>
    /// Extracts the resources of <paramref name="source"/> under <paramref name="schemaContract"/>
    /// (replacing the contracts of the source and its resources) into a new load package; the
    /// package's normalize applies the same contract.
    /// </summary>
    public async Task<string> ExtractAsync(Source source, SchemaContract schemaContract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schemaContract);
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var extracted = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(source.Section, source.Name, source.Resources, Contracts.ForRun(schemaContract), normalizeAlongside: false, cancellationToken))).ConfigureAwait(false);
        return extracted.LoadId;
    }

    /// <summary>
    /// Extracts the resources of <paramref name="source"/> into a new load package after resetting what
    /// <paramref name="refresh"/> names, for this extract only (dlt's <c>extract(..., refresh=...)</c>); it
    /// replaces <see cref="PipelineOptions.Refresh"/>. The drops run when the package loads.
    /// </summary>
    public async Task<string> ExtractAsync(Source source, RefreshMode refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var extracted = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(source.Section, source.Name, source.Resources, Contracts.Of(source), normalizeAlongside: false, cancellationToken, refresh))).ConfigureAwait(false);
        return extracted.LoadId;
    }

    /// <summary>
    /// Extracts the resources into a new load package after resetting what <paramref name="refresh"/>
    /// names, for this extract only (dlt's <c>extract(..., refresh=...)</c>); it replaces <see cref="PipelineOptions.Refresh"/>.
    /// </summary>
    public async Task<string> ExtractAsync(IEnumerable<Resource> resources, RefreshMode refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var extracted = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(DefaultSchemaName, DefaultSchemaName, [.. resources], Contracts.None, normalizeAlongside: false, cancellationToken, refresh))).ConfigureAwait(false);
        return extracted.LoadId;
    }

    /// <summary>Extracts the resources into a new load package, without normalizing or loading it.</summary>
    public async Task<string> ExtractAsync(IEnumerable<Resource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var extracted = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(DefaultSchemaName, DefaultSchemaName, [.. resources], Contracts.None, normalizeAlongside: false, cancellationToken))).ConfigureAwait(false);
        return extracted.LoadId;
    }

    /// <summary>
    /// Extracts the resources under <paramref name="schemaContract"/> (replacing the contracts of the
    /// resources and of the schema) into a new load package; the package's normalize applies the same contract.
    /// </summary>
    public async Task<string> ExtractAsync(IEnumerable<Resource> resources, SchemaContract schemaContract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(schemaContract);
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var extracted = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(DefaultSchemaName, DefaultSchemaName, [.. resources], Contracts.ForRun(schemaContract), normalizeAlongside: false, cancellationToken))).ConfigureAwait(false);
        return extracted.LoadId;
    }

    /// <summary>
    /// Extracts into a new package; the configuration sections are <paramref name="sourceSection"/>,
    /// the source name (<paramref name="schemaName"/>) and the resource names. With
    /// <paramref name="normalizeAlongside"/>, normalize workers take the flushed parts of the files
    /// while extract still runs (the caller normalizes the package next). <paramref name="refresh"/>, when
    /// given, replaces <see cref="PipelineOptions.Refresh"/> for this extract.
    /// </summary>
    private async Task<ExtractedPackage> ExtractCoreAsync(string sourceSection, string schemaName, IReadOnlyList<Resource> resources, Contracts contracts, bool normalizeAlongside, CancellationToken cancellationToken, RefreshMode? refresh = null, PartitionMark? partition = null)
    {
        var sourceName = schemaName;
        if (contracts.Run is { } runContract)
        {
            resources = [.. resources.Select(r => r.WithSchemaContract(runContract))];
        }

        RejectUnsupportedMergeStrategies(resources);
        _settings.ValidateExtract(sourceSection, sourceName, resources.Select(r => r.Name));
        resources = ConfigureIncrementals(sourceSection, sourceName, resources);
        schemaName = _naming.NormalizeIdentifier(schemaName);
        foreach (var existing in PipelineDirectories.PackagesIn(_directories.Extracted).Concat(PipelineDirectories.PackagesIn(_directories.Normalized)).Concat(PipelineDirectories.PackagesIn(_directories.Loaded)))
        {
            _loadIds.After(existing);
        }

        var loadId = _loadIds.Next();
        var temp = Path.Combine(_directories.NormalizeRoot, Guid.NewGuid().ToString("N"));
        var jobs = Path.Combine(temp, PackageFolders.NewJobs);
        PackageFolders.Create(temp);
        var schema = LoadOrCreateSchema(schemaName);
        var state = LocalState.Current(_directories, PipelineName);
        var packageState = PrepareRefresh(schema, state, sourceName, resources, refresh ?? _options.Refresh);
        if (contracts.SetsSchemaContract)
        {
            schema.SchemaContract = contracts.Schema;
        }
        var incrementals = new List<IIncrementalRun>();
        using var streaming = normalizeAlongside ? StartStreamingNormalizer(loadId, schema) : null;
        var extractor = new Extractor(schema, resourceName => _settings.ExtractWriterSettings(sourceSection, sourceName, resourceName), s_itemJsonOptions, jobs, _progress, streaming);
        _progress.StartStep($"Extract {schemaName}");
        try
        {
            resources = [.. resources.Select(resource => BindToState(resource, state, schemaName, incrementals, cancellationToken))];
            await extractor.ExtractAsync(
                resources,
                _settings.ExtractFor(sourceSection, sourceName, resourceName: null),
                resource => ConfigScope.EnterResource(_settings.Resolver, sourceSection, sourceName, resource.Name),
                cancellationToken).ConfigureAwait(false);

            foreach (var incremental in incrementals)
            {
                incremental.Complete();
                foreach (var warning in incremental.Warnings)
                {
                    _log.Warning(warning);
                }
            }

            state.RemoveEmpty(schemaName);
            partition?.WriteTo(state, schemaName);
            ExtractState(state, schema, extractor);
            extractor.Complete();
            var streamed = streaming?.Complete();
            SchemaJson.Save(schema, Path.Combine(temp, PackageFolders.SchemaFile));
            File.WriteAllText(Path.Combine(temp, PackageFolders.PackageStateFile), packageState);
            state.Save(Path.Combine(temp, PackageFolders.PipelineStateFile));
            DurableFiles.FlushTree(temp);
            DurableFiles.MoveDirectory(temp, Path.Combine(_directories.Extracted, loadId));
            _options.FaultHook?.Invoke(FaultPoint.ExtractPackagePublished);
            SchemaJson.Save(schema, _directories.SchemaFile(schemaName));
            _progress.EndStep();
            var counts = extractor.ItemCounts;
            TraceExtracted(loadId, schemaName, counts, extractor.ResourceItemCounts);
            _log.Info($"Extracted load package {loadId}: {counts.Values.Sum()} items into {counts.Count} table(s) of schema {schemaName}.");
            return new ExtractedPackage(loadId, streamed);
        }
        catch (Exception ex)
        {
            extractor.Abort();
            streaming?.Dispose();

            // After the package was published, only the bookkeeping failed: the next call recovers it.
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            if (streaming is not null && Directory.Exists(Path.Combine(_directories.LoadNew, loadId)))
            {
                Directory.Delete(Path.Combine(_directories.LoadNew, loadId), recursive: true);
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new PipelineStepFailedException(PipelineName, "extract", loadId, ex);
        }
    }

    /// <summary>
    /// The resources with their incrementals' values found in configuration in place of the code's
    /// (see <see cref="Incremental{TCursor}.ConfigSection"/>), as dlt resolves a resource's incremental
    /// argument; every invalid value is reported at once, before anything is extracted.
    /// </summary>
    private IReadOnlyList<Resource> ConfigureIncrementals(string sourceSection, string sourceName, IReadOnlyList<Resource> resources)
    {
        var problems = new ConfigProblems();
        var reader = new SettingsReader(_settings.Resolver, problems);
        IReadOnlyList<Resource> configured = [.. resources.Select(resource => resource.Hints.Incremental is { } incremental
            ? resource.WithIncrementalDefinition(incremental.Configure(
                IncrementalConfiguration.Read(reader, ConfigSections.IncrementalOf(sourceSection, sourceName, resource.Name, incremental.ConfigSectionName)),
                reader))
            : resource)];
        problems.ThrowIfAny();
        return configured;
    }

    /// <summary>
    /// Binds a resource to its state for this run: a replace resource starts from an empty state (as in
    /// dlt), its incremental starts from the stored cursor, and a resource made from a function of its
    /// context is called.
    /// </summary>
    private static Resource BindToState(Resource resource, PipelineState state, string sourceName, List<IIncrementalRun> incrementals, CancellationToken cancellationToken)
    {
        var resourceState = state.ResourceState(sourceName, resource.Name, reset: resource.Hints.WriteDisposition == WriteDisposition.Replace);
        IReadOnlyList<string> primaryKey = resource.Hints.PrimaryKey.Count > 0
            ? resource.Hints.PrimaryKey
            : [.. resource.Hints.Columns.Where(c => c.PrimaryKey).Select(c => c.Name)];
        var incremental = resource.Hints.Incremental?.Bind(resource.Name, resourceState, primaryKey);
        if (incremental is not null)
        {
            incrementals.Add(incremental);
        }

        return resource.Bind(new ResourceContext(sourceName, resource.Name, resourceState, state.SourceState(sourceName), incremental, cancellationToken));
    }

    /// <summary>Creates the load package <paramref name="loadId"/> and starts normalize workers that fill it while extract writes.</summary>
    private StreamingNormalizer StartStreamingNormalizer(string loadId, Schema schema)
    {
        var workers = _settings.Normalize.Workers;
        var normalizer = new PackageNormalizer(_directories, _settings.NormalizeWriterSettings, workers, ProgressReporter.None, _options.NormalizeSegmentMinItems);
        normalizer.CreateTarget(loadId);
        return new StreamingNormalizer(normalizer, loadId, schema, workers, _options.NormalizeSegmentMinItems);
    }

    /// <summary>
    /// The schema contracts of one extract: a run-level contract (put on every resource and on the
    /// schema), or a source's contract (it replaces the schema's, as dlt's source schema does);
    /// resources run without a source keep the stored schema's contract.
    /// </summary>
    private sealed record Contracts(SchemaContract? Run, bool SetsSchemaContract, SchemaContract? Schema)
    {
        public static Contracts None { get; } = new(null, false, null);

        public static Contracts Of(Source source) => new(null, true, source.SchemaContract);

        public static Contracts ForRun(SchemaContract contract) => new(contract, true, contract);
    }

    /// <summary>A package extract published, and the segments normalized while it ran (null when none were, or one failed).</summary>
    private sealed record ExtractedPackage(string LoadId, StreamedSegments? Streamed);

    /// <summary>
    /// Fails before anything is extracted for a merge strategy without load SQL yet (scd2), and for
    /// upsert or insert-only without a primary key (a schema error in dlt).
    /// </summary>
    private void RejectUnsupportedMergeStrategies(IReadOnlyList<Resource> resources)
    {
        foreach (var resource in resources.Where(r => r.Hints.WriteDisposition == WriteDisposition.Merge))
        {
            var strategy = resource.Hints.MergeStrategy;
            if (strategy is MergeStrategy.Upsert or MergeStrategy.InsertOnly && resource.Hints.PrimaryKey.Count == 0 && !resource.Hints.Columns.Any(c => c.PrimaryKey))
            {
                throw new PipelineStepFailedException(PipelineName, "extract", loadId: null, new ExtractException(
                    $"Resource '{resource.Name}' uses merge strategy '{MergeStrategyNames.ToDltName(strategy.Value)}', which needs a primary key: declare it with WithPrimaryKey."));
            }
        }
    }

    /// <summary>Adds a <c>_dlt_pipeline_state</c> row to the package when the state changed since it was last extracted.</summary>
    private void ExtractState(PipelineState state, Schema schema, Extractor extractor)
    {
        state.Update(DatasetName, schema.Name, [schema.Name], Destination.DestinationType);
        if (state.LastExtractedHash == state.VersionHash)
        {
            return;
        }

        if (!schema.TryGetTable(Schema.PipelineStateTable, out _))
        {
            schema.AddTable(SystemTables.PipelineState());
        }

        var now = _options.TimeProvider.GetUtcNow().UtcDateTime;
        extractor.WriteSystemItem(Schema.PipelineStateTable, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", state.Version);
            json.WriteNumber("engine_version", PipelineState.EngineVersion);
            json.WriteString("pipeline_name", PipelineName);
            json.WriteString("state", state.CompressedForDestination());
            json.WriteString("created_at", TypedJsonMarker.DateTime + ItemJsonConverters.FormatDateTime(now));
            json.WriteString("version_hash", state.VersionHash);
            json.WriteEndObject();
        });
        state.MarkExtracted(now);
    }
}
