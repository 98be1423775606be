using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>
/// A PostgreSQL password never shows in anything a run outputs: its log, its progress lines, the
/// console, the trace, the load info, the exceptions of failed runs, or the files of its working dir.
/// </summary>
public sealed class SecretsInOutputTests
{
    // Characters a URL must percent-encode, so both spellings are looked for.
    private const string Password = "Zq7:s3cr/t@Pw-9f3b";

    [Fact]
    public async Task The_password_is_in_no_log_progress_console_trace_load_info_exception_or_working_dir_file()
    {
        // Given a login role with a distinctive password, and every output of a pipeline captured
        var role = $"leak_{Guid.NewGuid().ToString("N")[..10]}";
        TestPostgres.Execute($"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{Password}'");
        var dataset = TestPostgres.UniqueDataset("leak");
        using var directory = new TempPipelineDirectory();
        var server = TestPostgres.Credentials;
        var keywords = $"Host={server.Host};Port={server.Port};Username={role};Password={Password};Database={server.Database}";
        var url = $"postgresql://{role}:{Uri.EscapeDataString(Password)}@{server.Host}:{server.Port}/{server.Database}";
        var log = new StringWriter();
        var progress = new StringWriter();
        var console = new StringWriter();
        var outputs = new List<(string What, string Text)>();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(console);
        Console.SetError(console);
        try
        {
            var options = directory.Options with
            {
                LogOutput = log,
                ProgressOutput = progress,
                EnvironmentVariables = new Dictionary<string, string> { ["PROGRESS"] = "log", ["RUNTIME__LOG_LEVEL"] = "DEBUG" },
            };

            // When a run loads, a second one fails at load (a null in a NOT NULL column),
            using var destination = PostgresDestination.Create(keywords);
            var pipeline = Pipeline.Create("leak_pipeline", destination, dataset, options);
            var info = await pipeline.RunAsync(Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 1, ["code"] = "a" } }));
            outputs.Add(("load info", info.ToString()));
            outputs.Add(("trace", pipeline.LastTrace!.ToString()));
            outputs.Add(("trace as JSON", JsonSerializer.Serialize(pipeline.LastTrace)));
            var notNull = new ColumnHint("code", DataType.Text) { Nullable = false };
            var loadFailure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => Pipeline.Create("leak_pipeline", destination, dataset, options)
                .RunAsync(Resource.Create("codes", new[] { new Dictionary<string, object?> { ["id"] = 2, ["code"] = null } }).WithColumns(notNull)));
            outputs.Add(("load failure", loadFailure.ToString()));

            // and two more fail to connect with a wrong password (it holds the right one) given as a URL and as keywords
            using var wrongUrl = PostgresDestination.Create(url.Replace(Uri.EscapeDataString(Password), Uri.EscapeDataString(Password + "x"), StringComparison.Ordinal));
            var wrong = Pipeline.Create("leak_wrong", wrongUrl, dataset, options);
            var connectFailure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => wrong.RunAsync(Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 3 } })));
            outputs.Add(("connect failure", connectFailure.ToString()));
            outputs.Add(("trace of a failed run", wrong.LastTrace!.ToString()));
            outputs.Add(("trace of a failed run as JSON", JsonSerializer.Serialize(wrong.LastTrace)));
            using var wrongKeywords = PostgresDestination.Create(keywords.Replace(Password, Password + "x", StringComparison.Ordinal));
            var secondConnectFailure = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
                Pipeline.Create("leak_wrong_keywords", wrongKeywords, dataset, options).RunAsync(Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 4 } })));
            outputs.Add(("second connect failure", secondConnectFailure.ToString()));
            outputs.Add(("destinations", $"{destination} {wrongUrl} {wrongKeywords} {destination.Credentials} {wrongUrl.Credentials}"));

            // and runs whose credentials come from the configuration fail: a wrong password, a URL with a bad port, fields with a bad port
            var configured = new (string Name, string Expected, Dictionary<string, string> Variables)[]
            {
                ("leak_config_wrong", "password authentication failed", new() { ["DESTINATION__POSTGRES__CREDENTIALS"] = url.Replace(Uri.EscapeDataString(Password), Uri.EscapeDataString(Password + "x"), StringComparison.Ordinal) }),
                ("leak_config_bad_url", "The port of the connection URL is not a number", new() { ["DESTINATION__POSTGRES__CREDENTIALS"] = url.Replace($":{server.Port}/", ":port/", StringComparison.Ordinal) }),
                ("leak_config_bad_port", "DESTINATION__POSTGRES__CREDENTIALS__PORT", new()
                {
                    ["DESTINATION__POSTGRES__CREDENTIALS__HOST"] = server.Host, ["DESTINATION__POSTGRES__CREDENTIALS__PORT"] = "port",
                    ["DESTINATION__POSTGRES__CREDENTIALS__DATABASE"] = server.Database, ["DESTINATION__POSTGRES__CREDENTIALS__USERNAME"] = role,
                    ["DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"] = Password,
                }),
            };
            foreach (var (name, expected, variables) in configured)
            {
                variables["PROGRESS"] = "log";
                variables["RUNTIME__LOG_LEVEL"] = "DEBUG";
                using var fromConfig = PostgresDestination.Create();
                var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
                    await Pipeline.Create(name, fromConfig, dataset, options with { EnvironmentVariables = variables }).RunAsync(Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 5 } })));
                Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
                outputs.Add(($"failure of {name}", failure.ToString()));
            }

            // Then the runs did what they should, and were heard (so the captures are real)
            Assert.Equal("load", loadFailure.Step);
            Assert.Contains("password", connectFailure.Message, StringComparison.Ordinal);
            Assert.Contains(role, connectFailure.Message, StringComparison.Ordinal);
            Assert.Contains(role, secondConnectFailure.Message, StringComparison.Ordinal);
            Assert.Contains("leak_pipeline", log.ToString(), StringComparison.Ordinal);
            Assert.Contains("items", progress.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            TestPostgres.DropSchema(dataset);
            TestPostgres.Execute($"DROP OWNED BY {role}; DROP ROLE {role}");
        }

        outputs.Add(("log", log.ToString()));
        outputs.Add(("progress", progress.ToString()));
        outputs.Add(("console", console.ToString()));
        var files = Directory.GetFiles(directory.Root, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("state.json", StringComparison.Ordinal));
        outputs.AddRange(files.Select(f => ($"file {Path.GetRelativePath(directory.Root, f)}", ReadAsText(f))));

        // and no output holds the password, plain or URL-encoded
        foreach (var (what, text) in outputs)
        {
            Assert.False(text.Contains(Password, StringComparison.Ordinal), $"The password is in the {what}: {text}");
            Assert.False(text.Contains(Uri.EscapeDataString(Password), StringComparison.Ordinal), $"The URL-encoded password is in the {what}: {text}");
        }
    }

    /// <summary>A file's bytes as Latin-1 (any byte sequence survives), gzip members and LZ4 frames decompressed.</summary>
    private static string ReadAsText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Stream? decompressed = bytes switch
        {
            [0x1f, 0x8b, ..] => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            [0x04, 0x22, 0x4d, 0x18, ..] => new Dlt.Storage.Lz4FrameReader(new MemoryStream(bytes), path),
            _ => null,
        };
        if (decompressed is not null)
        {
            using var plain = new MemoryStream();
            using (decompressed)
            {
                decompressed.CopyTo(plain);
            }

            bytes = plain.ToArray();
        }

        return Encoding.Latin1.GetString(bytes);
    }
}
