namespace HighPerf.Sample.Postgres;

/// <summary>One group of the comparison query's result.</summary>
internal readonly record struct ComparisonRow(string EventType, long Events, long Users, decimal? TotalAmount, double? AvgAmount)
{
    /// <summary>
    /// The same answer: counts and the exact decimal sum equal; the mean (a float on DuckDB, whose avg of a decimal is a
    /// double, a numeric rounded to float8 on PostgreSQL) within a relative 1e-12.
    /// </summary>
    internal bool Matches(in ComparisonRow other) =>
        string.Equals(EventType, other.EventType, StringComparison.Ordinal)
        && Events == other.Events
        && Users == other.Users
        && TotalAmount == other.TotalAmount
        && (AvgAmount, other.AvgAmount) switch
        {
            (null, null) => true,
            ({ } a, { } b) => Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b)),
            _ => false,
        };
}
