using Dlt.Storage;

namespace Dlt.Configuration;

/// <summary>
/// Every setting of a pipeline, resolved once when the pipeline is created from a frozen snapshot of
/// the providers, and validated: stage code reads its settings here, never from the environment or
/// files. Settings scoped to a source or resource are resolved from the same snapshot on request.
/// </summary>
public sealed class PipelineSettings
{
    private PipelineSettings(ConfigResolver resolver, SettingsReader reader)
    {
        Resolver = resolver;
        Runtime = RuntimeSettings.Read(reader);
        Progress = ProgressSettings.Read(reader);
        Extract = ExtractSettings.Read(reader, ConfigSections.Named(ConfigSections.Extract));
        Normalize = NormalizeSettings.Read(reader);
        NormalizeDataWriter = DataWriterSettings.Read(reader, ConfigSections.NormalizeDataWriter);
        Load = LoadSettings.Read(reader);
        NormalizeWriterSettings = NormalizeDataWriter.ToWriterSettings();
    }

    /// <summary>The <c>[runtime]</c> keys.</summary>
    public RuntimeSettings Runtime { get; }

    /// <summary>The <c>progress</c> and <c>log_period</c> keys.</summary>
    public ProgressSettings Progress { get; }

    /// <summary>The global <c>[extract]</c> keys; a source or resource may override them (<see cref="ExtractFor"/>).</summary>
    public ExtractSettings Extract { get; }

    /// <summary>The <c>[normalize]</c> keys.</summary>
    public NormalizeSettings Normalize { get; }

    /// <summary>The normalize stage's writer: <c>[normalize.data_writer]</c>, then <c>[data_writer]</c>.</summary>
    public DataWriterSettings NormalizeDataWriter { get; }

    /// <summary>The <c>[load]</c> keys.</summary>
    public LoadSettings Load { get; }

    /// <summary>The default folder of the pipelines' working dirs: <c>$DLT_DATA_DIR/pipelines</c>, else <c>~/.dlt/pipelines</c>.</summary>
    public string PipelinesDirectory => Resolver.Files.PipelinesDirectory;

    internal ConfigResolver Resolver { get; }

    /// <summary>What the normalize stage's writers consume.</summary>
    internal WriterSettings NormalizeWriterSettings { get; }

    /// <summary>Resolves the pipeline-wide settings; every invalid value is added to <paramref name="problems"/>.</summary>
    internal static PipelineSettings Resolve(ConfigResolver resolver, ConfigProblems problems)
    {
        problems.AddRange(resolver.FileProblems);
        return new PipelineSettings(resolver, new SettingsReader(resolver, problems));
    }

    /// <summary>
    /// The extract keys of resource <paramref name="resourceName"/> of a source: the resource's section,
    /// then the source's, then <c>[extract]</c>; with no resource, the source's settings, which size the
    /// extract stage's shared worker pool.
    /// </summary>
    /// <exception cref="ConfigException">A value in one of these sections is invalid.</exception>
    public ExtractSettings ExtractFor(string sourceSection, string sourceName, string? resourceName) =>
        Scoped((reader) => ExtractSettings.Read(reader, ConfigSections.ExtractOf(sourceSection, sourceName, resourceName)));

    /// <summary>
    /// The extract stage's writer for resource <paramref name="resourceName"/> of a source (the source's
    /// own writer when null): <c>[sources.&lt;source&gt;.resources.&lt;resource&gt;.data_writer]</c>,
    /// <c>[sources.&lt;source&gt;.data_writer]</c>, <c>[sources.data_writer]</c>, <c>[extract.data_writer]</c>, <c>[data_writer]</c>.
    /// </summary>
    /// <exception cref="ConfigException">A value in one of these sections is invalid.</exception>
    public DataWriterSettings ExtractDataWriterFor(string sourceSection, string sourceName, string? resourceName) =>
        Scoped((reader) => DataWriterSettings.Read(reader, ConfigSections.ExtractDataWriterOf(sourceSection, sourceName, resourceName)));

    /// <summary>What the extract stage's writer of a resource consumes (see <see cref="ExtractDataWriterFor"/>).</summary>
    internal WriterSettings ExtractWriterSettings(string sourceSection, string sourceName, string? resourceName) =>
        ExtractDataWriterFor(sourceSection, sourceName, resourceName).ToWriterSettings();

    /// <summary>Resolves the settings of every resource of a run, so that one exception lists every invalid value before anything is extracted.</summary>
    /// <exception cref="ConfigException">Some value in the sections of the source or its resources is invalid.</exception>
    internal void ValidateExtract(string sourceSection, string sourceName, IEnumerable<string> resourceNames)
    {
        var problems = new ConfigProblems();
        var reader = new SettingsReader(Resolver, problems);
        DataWriterSettings.Read(reader, ConfigSections.ExtractDataWriterOf(sourceSection, sourceName, null));
        foreach (var resource in resourceNames)
        {
            ExtractSettings.Read(reader, ConfigSections.ExtractOf(sourceSection, sourceName, resource));
            DataWriterSettings.Read(reader, ConfigSections.ExtractDataWriterOf(sourceSection, sourceName, resource));
        }

        problems.ThrowIfAny();
    }

    private T Scoped<T>(Func<SettingsReader, T> read)
    {
        var problems = new ConfigProblems();
        var settings = read(new SettingsReader(Resolver, problems));
        problems.ThrowIfAny();
        return settings;
    }
}
