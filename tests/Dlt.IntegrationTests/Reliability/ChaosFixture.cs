using Dlt.ChaosRunner;

namespace Dlt.IntegrationTests.Reliability;

/// <summary>
/// One destination's chaos driver and its clean run (the reference rows, and the duration over
/// which kills are spread), shared by the tests of a class; the trials' folders live under a temp root.
/// </summary>
public abstract class ChaosFixture(string destination) : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dlt-tests", "chaos-" + Guid.NewGuid().ToString("N"));

    public ChaosDriver Driver { get; private set; } = null!;

    public ChaosCleanRun Clean { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Driver = new ChaosDriver(destination, _root, new ChaosData(ChaosData.DefaultSeed, ChaosData.DefaultCustomers));
        Clean = await Driver.CleanRunAsync();
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing handle: the OS temp cleaner takes it.
        }

        return Task.CompletedTask;
    }
}

public sealed class DuckDbChaosFixture() : ChaosFixture(ChaosTarget.DuckDb);

public sealed class PostgresChaosFixture() : ChaosFixture(ChaosTarget.Postgres);
