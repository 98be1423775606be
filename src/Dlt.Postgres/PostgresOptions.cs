namespace Dlt.Postgres;

/// <summary>Settings of the PostgreSQL destination that are not credentials.</summary>
public sealed record PostgresOptions
{
    /// <summary>
    /// Whether columns with the <c>unique</c> hint (such as <c>_dlt_id</c>) get a <c>UNIQUE</c> constraint,
    /// as dlt's <c>create_indexes</c>. Each constraint is an index that COPY maintains, so turning it off
    /// loads faster and gives up the duplicate check. A destination created without options reads it
    /// from <c>destination.postgres.create_indexes</c>.
    /// <value>The default value is <see langword="true"/> (dlt's postgres default).</value>
    /// </summary>
    public bool CreateIndexes { get; init; } = true;

    /// <summary>
    /// How long one statement of a follow-up job (the SQL that merges a table chain, or replaces it
    /// from the staging dataset) may run before it is cancelled; that attempt then fails as a
    /// transient error and is retried like a load job. Every other command keeps the connection
    /// string's <c>Command Timeout</c> (Npgsql's default: 30 seconds), which a merge of a large
    /// table outlasts.
    /// <value>The default value is 1 hour. dlt sets none (its driver waits forever); this one is
    /// finite so that a stuck statement ends. It must be positive and at most
    /// <see cref="int.MaxValue"/> seconds.</value>
    /// </summary>
    public TimeSpan FollowupCommandTimeout
    {
        get;
        init => field = value > TimeSpan.Zero && value.TotalSeconds <= int.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FollowupCommandTimeout), value, "The follow-up command timeout must be positive and at most int.MaxValue seconds: a finite limit keeps a stuck statement from hanging the load.");
    } = TimeSpan.FromHours(1);

    /// <summary>Npgsql's command timeout, in whole seconds (rounded up), of the statements of a follow-up job.</summary>
    internal int FollowupCommandTimeoutSeconds => (int)Math.Ceiling(FollowupCommandTimeout.TotalSeconds);
}
