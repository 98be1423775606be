using Dlt.Configuration;

namespace Dlt.Tests.Configuration;

/// <summary><see cref="RuntimeSettings.Resolve"/>: the <c>[runtime]</c> keys for code that runs outside the pipeline's own settings (the REST client).</summary>
public sealed class RuntimeSettingsResolveTests
{
    [Fact]
    public void An_empty_project_gives_the_defaults()
    {
        using var project = new ConfigProject();

        Assert.Equal(new RuntimeSettings(), RuntimeSettings.Resolve(environmentVariables: project.Environment));
    }

    [Fact]
    public void The_host_configuration_wins_over_the_environment_and_the_files()
    {
        using var project = new ConfigProject()
            .ConfigToml("[runtime]\nrequest_max_attempts = 2\nrequest_timeout = 5\n")
            .Env("RUNTIME__REQUEST_MAX_ATTEMPTS", "3")
            .Host("runtime:request_max_attempts", "4");

        var settings = RuntimeSettings.Resolve(project.Configuration, project.Environment);

        Assert.Equal(4, settings.RequestMaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.RequestTimeout);
    }

    [Fact]
    public void Inside_a_resource_it_reads_the_pipelines_providers_and_its_named_section()
    {
        // Given a pipeline-named section, which only a pipeline's lookup reads
        using var project = new ConfigProject().ConfigToml($"[{ConfigProject.PipelineName}.runtime]\nrequest_max_attempts = 7\n");
        var resolver = ConfigResolver.ForPipeline(ConfigProject.PipelineName, project.Options);

        // When
        RuntimeSettings inside;
        using (ConfigScope.EnterResource(resolver, "source", "source", "resource"))
        {
            inside = RuntimeSettings.Resolve();
        }

        // Then
        Assert.Equal(7, inside.RequestMaxAttempts);
        Assert.Equal(5, RuntimeSettings.Resolve(environmentVariables: project.Environment).RequestMaxAttempts);
    }

    [Fact]
    public void Invalid_values_are_all_reported_with_their_keys()
    {
        using var project = new ConfigProject().Env("RUNTIME__REQUEST_TIMEOUT", "-1").Env("RUNTIME__REQUEST_BACKOFF_FACTOR", "fast");

        var error = Assert.Throws<ConfigException>(() => RuntimeSettings.Resolve(environmentVariables: project.Environment));

        Assert.Equal(["runtime.request_backoff_factor", "runtime.request_timeout"], error.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
