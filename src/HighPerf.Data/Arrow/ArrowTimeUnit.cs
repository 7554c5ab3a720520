namespace HighPerf.Data.Arrow;

/// <summary>The unit of a timestamp; the values match the Arrow format's <c>TimeUnit</c> enum.</summary>
public enum ArrowTimeUnit
{
    /// <summary>Seconds.</summary>
    Second = 0,

    /// <summary>Milliseconds.</summary>
    Millisecond = 1,

    /// <summary>Microseconds (what PostgreSQL and DuckDB timestamps use).</summary>
    Microsecond = 2,

    /// <summary>Nanoseconds.</summary>
    Nanosecond = 3,
}
