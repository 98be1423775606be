using ParquetSharp;

namespace Dlt.Postgres;

/// <summary>
/// PostgreSQL's binary forms of <c>timestamp[tz]</c> (an int64 of microseconds) and <c>date</c> (an
/// int32 of days), both counted from 2000-01-01. A binary COPY field carries no type, so the server
/// reads these integers with the column's own receive function (which also applies the column's
/// precision). Writing them directly stores every value as itself: Npgsql's DateTime and DateOnly
/// writers map 0001-01-01 and 9999-12-31 to -infinity / infinity unless a process-wide AppContext
/// switch is set before Npgsql's first use, which a library cannot promise in its users' processes.
/// </summary>
internal static class PostgresEpoch
{
    private static readonly long s_epochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Days from 1970-01-01 (Parquet's date) to 2000-01-01.</summary>
    private const int UnixToPostgresDays = 10_957;

    /// <summary>A UTC instant from a Parquet file (whole microseconds) as microseconds since 2000-01-01.</summary>
    public static long Microseconds(DateTime utc) => (utc.Ticks - s_epochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>A Parquet date as days since 2000-01-01.</summary>
    public static int Days(Date date) => date.Days - UnixToPostgresDays;
}
