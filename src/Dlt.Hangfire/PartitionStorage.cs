using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Dlt.Hangfire;

/// <summary>The Hangfire storage of partitioned runs: Hangfire.PostgreSql, set so that the job of a killed worker returns within seconds.</summary>
public static class PartitionStorage
{
    /// <summary>
    /// Hangfire.PostgreSql storage in schema <paramref name="schemaName"/> of the database of
    /// <paramref name="connectionString"/> (created on first use). A fetched job stays invisible to the
    /// other workers while its worker's heartbeat renews it (sliding invisibility timeout); when the worker
    /// dies, the job is fetched again once <paramref name="invisibilityTimeout"/> has passed.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schemaName">The PostgreSQL schema of Hangfire's tables.</param>
    /// <param name="invisibilityTimeout">How long a dead worker's job waits before another worker takes it; 30 seconds when omitted.</param>
    /// <param name="queuePollInterval">How often idle workers look for jobs; 200 milliseconds when omitted.</param>
    /// <param name="lockTimeout">
    /// When a distributed lock of a dead worker (Hangfire takes them briefly, for example to change a
    /// job's state) is taken over; one minute when omitted (Hangfire.PostgreSql's default of ten minutes
    /// would hold up the jobs a killed worker was moving for that long).
    /// </param>
    public static PostgreSqlStorage Postgres(string connectionString, string schemaName = "hangfire", TimeSpan? invisibilityTimeout = null, TimeSpan? queuePollInterval = null, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = schemaName,
            PrepareSchemaIfNecessary = true,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = invisibilityTimeout ?? TimeSpan.FromSeconds(30),
            QueuePollInterval = queuePollInterval ?? TimeSpan.FromMilliseconds(200),
            DistributedLockTimeout = lockTimeout ?? TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
