namespace Dlt;

/// <summary>dlt's data types: what a column holds, independent of the destination.</summary>
public enum DataType
{
    /// <summary>Unicode text (<c>text</c>).</summary>
    Text,

    /// <summary>64-bit floating point (<c>double</c>).</summary>
    Double,

    /// <summary>True or false (<c>bool</c>).</summary>
    Bool,

    /// <summary>A point in time, stored in UTC with microseconds (<c>timestamp</c>).</summary>
    Timestamp,

    /// <summary>64-bit signed integer (<c>bigint</c>).</summary>
    BigInt,

    /// <summary>Bytes (<c>binary</c>).</summary>
    Binary,

    /// <summary>A nested object or list kept as JSON (<c>json</c>).</summary>
    Json,

    /// <summary>Exact decimal number, precision 38 and scale 9 unless set (<c>decimal</c>).</summary>
    Decimal,

    /// <summary>Integer too large for 64 bits, such as token amounts (<c>wei</c>).</summary>
    Wei,

    /// <summary>Calendar date (<c>date</c>).</summary>
    Date,

    /// <summary>Time of day without time zone (<c>time</c>).</summary>
    Time,
}
