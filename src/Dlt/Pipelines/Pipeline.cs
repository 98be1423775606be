using System.Diagnostics;
using Dlt.Configuration;
using Dlt.Destinations;
using Dlt.Schemas.Naming;
using Dlt.Pipelines;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

/// <summary>
/// Moves data from resources into a destination dataset in three stages (extract, normalize, load),
/// keeping its work on disk in a working dir so that an interrupted run resumes.
/// </summary>
public sealed partial class Pipeline
{
    private readonly PipelineOptions _options;
    private readonly PipelineSettings _settings;
    private readonly PipelineDirectories _directories;
    private readonly INamingConvention _naming;
    private readonly LoadIdGenerator _loadIds;

    /// <summary>dlt's <c>destination.replace_strategy</c>, checked against what the destination can run.</summary>
    internal string ReplaceStrategy { get; private init; } = Destinations.ReplaceStrategies.TruncateAndInsert;

    /// <summary>The staging dataset of merge and staging-replace tables: dlt's <c>staging_dataset_name_layout</c> filled with the dataset name, normalized.</summary>
    internal string StagingDatasetName { get; }

    private Pipeline(string pipelineName, Destination destination, string datasetName, string stagingLayout, PipelineOptions options, PipelineSettings settings, string workingDirectory)
    {
        PipelineName = pipelineName;
        Destination = destination;
        _options = options;
        _settings = settings;
        _naming = new SnakeCaseNaming(destination.MaxIdentifierLength);
        DatasetName = _naming.NormalizeTableIdentifier(datasetName);
        StagingDatasetName = _naming.NormalizeTableIdentifier(StagingDataset.Name(datasetName, stagingLayout));
        WorkingDirectory = workingDirectory;
        _directories = new PipelineDirectories(workingDirectory);
        _loadIds = LoadIdGenerator.For(options.TimeProvider);
        _progress = CreateProgress(options, settings.Progress);
        _log = new PipelineLog(settings.Runtime.LogLevel, options.LogOutput ?? Console.Error, options.TimeProvider, pipelineName, options.LoggerFactory);
        foreach (var warning in settings.Resolver.KeyWarnings)
        {
            _log.Warning(warning);
        }
    }

    private readonly PipelineLog _log;

    private readonly Progress.ProgressReporter _progress;

    /// <summary>The collector named in code, else by the <c>progress</c> key; bars fall back to the log lines off a terminal.</summary>
    private static Progress.ProgressReporter CreateProgress(PipelineOptions options, ProgressSettings settings) =>
        Progress.ProgressReporters.Create(options.Progress ?? settings.Collector, settings, options.TimeProvider, options.ProgressOutput, options.ProgressConsole);

    /// <summary>The pipeline name: it names the working dir and the outermost configuration section.</summary>
    public string PipelineName { get; }

    /// <summary>The dataset (database schema) the tables are loaded into.</summary>
    public string DatasetName { get; }

    /// <summary>Where the tables are loaded.</summary>
    public Destination Destination { get; }

    /// <summary>The pipeline's working dir: state, schemas and load packages.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The settings resolved from the configuration when the pipeline was created.</summary>
    public PipelineSettings Settings => _settings;

    /// <summary>Creates a pipeline, or attaches to the working dir of one with the same name.</summary>
    /// <param name="pipelineName">Names the working dir and the outermost configuration section.</param>
    /// <param name="destination">Where the tables are loaded.</param>
    /// <param name="datasetName">The dataset (database schema); defaults to <c>&lt;pipeline_name&gt;_dataset</c>.</param>
    /// <param name="options">Settings given in code, and where the configuration comes from.</param>
    /// <exception cref="ConfigException">The configuration has invalid values; the message lists all of them.</exception>
    public static Pipeline Create(string pipelineName, Destination destination, string? datasetName = null, PipelineOptions? options = null) =>
        CreateCore(pipelineName, destination, datasetName, options, stagingSuffix: "");

    /// <summary>Creates a pipeline; <paramref name="stagingSuffix"/> is appended to the staging dataset name layout (a partition pipeline's own staging dataset).</summary>
    private static Pipeline CreateCore(string pipelineName, Destination destination, string? datasetName, PipelineOptions? options, string stagingSuffix)
    {
        ValidatePipelineName(pipelineName);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new PipelineOptions();
        var problems = new ConfigProblems();
        var settings = PipelineSettings.Resolve(ConfigResolver.ForPipeline(pipelineName, options), problems);
        var workingDirectory = Path.Combine(Path.GetFullPath(options.PipelinesDirectory ?? settings.PipelinesDirectory), pipelineName);
        var destinationConfiguration = new DestinationConfiguration(new SettingsReader(settings.Resolver, problems), destination.DestinationType, pipelineName, workingDirectory);
        var configured = destination.Configure(destinationConfiguration);
        var replaceStrategy = destinationConfiguration.Text(
            "replace_strategy",
            Destinations.ReplaceStrategies.TruncateAndInsert,
            strategy => configured.ReplaceStrategies.Contains(strategy),
            $"a replace strategy {destination.DestinationType} can run: {string.Join(", ", configured.ReplaceStrategies)}")!;
        var stagingLayout = destinationConfiguration.Text("staging_dataset_name_layout", StagingDataset.DefaultLayout, layout => layout.Length > 0, "a dataset name, with %s where the dataset name goes")! + stagingSuffix;
        options = PipelineConfigKeys.Resolve(options, pipelineName, new SettingsReader(settings.Resolver, problems));
        problems.ThrowIfAny();
        datasetName ??= pipelineName + "_dataset";
        if (options.DevMode == true)
        {
            datasetName = StartDevMode(datasetName, workingDirectory, options.TimeProvider);
        }

        var pipeline = new Pipeline(pipelineName, configured, datasetName, stagingLayout, options, settings, workingDirectory) { ReplaceStrategy = replaceStrategy };
        return pipeline.StagingDatasetName != pipeline.DatasetName ? pipeline : throw new ConfigException(
            $"The staging dataset name '{pipeline.StagingDatasetName}' (destination.{destination.DestinationType}.staging_dataset_name_layout = '{stagingLayout}') is the dataset's own name: merge and replace would empty the dataset's tables. Put %s in the layout or give another name.");
    }

    /// <summary>Extracts, normalizes and loads the resources of <paramref name="source"/>, after finishing any pending packages.</summary>
    public Task<LoadInfo> RunAsync(Source source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunCoreAsync(source.Section, source.Name, source.Resources, Contracts.Of(source), cancellationToken);
    }

    /// <summary>
    /// Extracts, normalizes and loads the resources of <paramref name="source"/> under
    /// <paramref name="schemaContract"/>, which replaces the contracts of the source and of its resources for this run.
    /// </summary>
    public Task<LoadInfo> RunAsync(Source source, SchemaContract schemaContract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schemaContract);
        return RunCoreAsync(source.Section, source.Name, source.Resources, Contracts.ForRun(schemaContract), cancellationToken);
    }

    /// <summary>
    /// Extracts, normalizes and loads the resources of <paramref name="source"/> after resetting what
    /// <paramref name="refresh"/> names, for this run only (dlt's <c>run(..., refresh=...)</c>); it replaces
    /// <see cref="PipelineOptions.Refresh"/>. Pending packages are loaded first; the refresh applies to the new extract.
    /// </summary>
    public Task<LoadInfo> RunAsync(Source source, RefreshMode refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunCoreAsync(source.Section, source.Name, source.Resources, Contracts.Of(source), cancellationToken, refresh);
    }

    /// <summary>
    /// Extracts, normalizes and loads the given resources after resetting what <paramref name="refresh"/>
    /// names, for this run only (dlt's <c>run(..., refresh=...)</c>); it replaces <see cref="PipelineOptions.Refresh"/>.
    /// </summary>
    public Task<LoadInfo> RunAsync(IEnumerable<Resource> resources, RefreshMode refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return RunCoreAsync(DefaultSchemaName, DefaultSchemaName, [.. resources], Contracts.None, cancellationToken, refresh);
    }

    /// <summary>Extracts, normalizes and loads the given resources, after finishing any pending packages.</summary>
    public Task<LoadInfo> RunAsync(params Resource[] resources) => RunAsync(resources, CancellationToken.None);

    /// <summary>Extracts, normalizes and loads the given resources, after finishing any pending packages.</summary>
    public Task<LoadInfo> RunAsync(IEnumerable<Resource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return RunCoreAsync(DefaultSchemaName, DefaultSchemaName, [.. resources], Contracts.None, cancellationToken);
    }

    /// <summary>
    /// Extracts, normalizes and loads the given resources under <paramref name="schemaContract"/>,
    /// which replaces the contracts of the resources and of the schema for this run.
    /// </summary>
    public Task<LoadInfo> RunAsync(IEnumerable<Resource> resources, SchemaContract schemaContract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(schemaContract);
        return RunCoreAsync(DefaultSchemaName, DefaultSchemaName, [.. resources], Contracts.ForRun(schemaContract), cancellationToken);
    }

    /// <summary>The schema used for resources run without a source: the pipeline name without a <c>_pipeline</c> suffix.</summary>
    public string DefaultSchemaName =>
        _naming.NormalizeIdentifier(PipelineName.EndsWith("_pipeline", StringComparison.Ordinal) && PipelineName.Length > 9 ? PipelineName[..^9] : PipelineName);

    /// <summary>
    /// Read access to the pipeline's dataset in its destination (dlt's <c>pipeline.dataset()</c>): tables, row counts,
    /// table or SQL rows, Arrow batches. Each call on it opens its own connection of the destination's client.
    /// </summary>
    public Dataset Dataset() => new(Destination, DatasetName);

    /// <summary>The stored schema <paramref name="schemaName"/> (the default schema when omitted) as YAML, as dlt exports it.</summary>
    public string ExportSchemaYaml(string? schemaName = null)
    {
        var name = _naming.NormalizeIdentifier(schemaName ?? DefaultSchemaName);
        var path = _directories.SchemaFile(name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Pipeline '{PipelineName}' has no schema '{name}' yet (no file '{path}'). Run the pipeline first.");
        }

        return SchemaYaml.Export(SchemaJson.Load(path, _naming));
    }

    /// <summary>Runs the stages; for a partition's run, <paramref name="partition"/> skips the extract when the partition has loaded in this run, and the extracted state carries it.</summary>
    private async Task<LoadInfo> RunCoreAsync(string sourceSection, string schemaName, IReadOnlyList<Resource> resources, Contracts contracts, CancellationToken cancellationToken, RefreshMode? refresh = null, PartitionMark? partition = null)
    {
        var stopwatch = Stopwatch.StartNew();
        _settings.ValidateExtract(sourceSection, schemaName, resources.Select(r => r.Name));
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var rowCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var packages = new List<LoadPackageInfo>();
        var pending = PipelineDirectories.PackagesIn(_directories.Extracted).Count + PipelineDirectories.PackagesIn(_directories.Normalized).Count;
        if (pending > 0)
        {
            _log.Warning($"Found {pending} pending load package(s) from an earlier run; finishing them before extracting the new data.");
        }

        return await TracedAsync(async trace =>
        {
            await CheckDestinationAsync(cancellationToken).ConfigureAwait(false);
            if (partition is not null && pending > 0)
            {
                pending -= await SetAsideSupersededPackagesAsync(cancellationToken).ConfigureAwait(false);
            }

            if (pending > 0)
            {
                trace.Step(TraceRecorder.Normalize, () => NormalizePending(rowCounts, cancellationToken));
                packages.AddRange(await trace.StepAsync(TraceRecorder.Load, () => LoadPendingAsync(cancellationToken)).ConfigureAwait(false));
            }

            await RestoreBeforeExtractAsync(cancellationToken).ConfigureAwait(false);
            if (partition is not null && PartitionLoaded(partition, schemaName))
            {
                _log.Info($"Partition '{partition.Key}' of run '{partition.RunId}' has loaded already (pipeline '{PipelineName}'): nothing is extracted.");
                return new LoadInfo(PipelineName, Destination, DatasetName, packages, rowCounts, stopwatch.Elapsed);
            }

            var extracted = await trace.StepAsync(TraceRecorder.Extract, () => ExtractCoreAsync(sourceSection, schemaName, resources, contracts, normalizeAlongside: true, cancellationToken, refresh, partition)).ConfigureAwait(false);
            trace.Step(TraceRecorder.Normalize, () => NormalizePending(rowCounts, cancellationToken, extracted));
            packages.AddRange(await trace.StepAsync(TraceRecorder.Load, () => LoadPendingAsync(cancellationToken)).ConfigureAwait(false));
            return new LoadInfo(PipelineName, Destination, DatasetName, packages, rowCounts, stopwatch.Elapsed);
        }, isRun: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the destination once before a run extracts anything, so that a destination that cannot be
    /// opened (a DuckDB path under a file, a server that refuses) fails the run at once, naming it, rather
    /// than after extract and normalize have run.
    /// </summary>
    private async Task CheckDestinationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var client = await Destination.ConnectAsync(DatasetName, StagingDatasetName, cancellationToken).ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PipelineStepFailedException(
                PipelineName,
                TraceRecorder.Load,
                null,
                new DestinationException(
                    $"The {Destination.DestinationType} destination at {Destination.Location} cannot be opened, so nothing was extracted: {MessageText.Sentence(ex.Message)} Fix the destination's path or credentials and run again.",
                    isTerminal: true,
                    ex));
        }
    }

    private SignalCancellation ListenForSignals(CancellationToken cancellationToken) =>
        SignalCancellation.Listen(cancellationToken, _options.HandleSignals, _log);

    /// <summary>Takes the working dir for one public call and finishes the bookkeeping of an interrupted run first.</summary>
    private PipelineLock AcquireLock()
    {
        _directories.EnsureCreated();
        var pipelineLock = PipelineLock.Acquire(_directories.LockFile, PipelineName);
        try
        {
            PipelineRecovery.Recover(_directories, _naming, _log);
            return pipelineLock;
        }
        catch
        {
            pipelineLock.Dispose();
            throw;
        }
    }

    private Schema LoadOrCreateSchema(string schemaName)
    {
        var path = _directories.SchemaFile(schemaName);
        return File.Exists(path) ? SchemaJson.Load(path, _naming) : Schema.CreateNew(schemaName, _naming);
    }

    private static void ValidatePipelineName(string pipelineName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineName);
        if (pipelineName.IndexOfAny(['.', '%', '{', '}', '/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0)
        {
            throw new ArgumentException($"Pipeline name '{pipelineName}' must be a valid folder name without '.', '%', '{{', '}}' or path characters.", nameof(pipelineName));
        }
    }
}
