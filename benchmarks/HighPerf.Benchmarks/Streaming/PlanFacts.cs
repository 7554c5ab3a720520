using System.Globalization;
using System.Text.RegularExpressions;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>What an <c>EXPLAIN ANALYZE</c> box diagram says, read from its text: the operators, top down, and the rows the table scan produced.</summary>
internal static partial class PlanFacts
{
    public static IReadOnlyList<string> Operators(string plan)
    {
        var operators = new List<string>();
        foreach (Match match in OperatorLine().Matches(plan))
        {
            operators.Add(match.Groups[1].Value);
        }

        return operators;
    }

    /// <summary>The row count printed in the TABLE_SCAN box, or -1.</summary>
    public static long ScannedRows(string plan)
    {
        var scan = plan.IndexOf("TABLE_SCAN", StringComparison.Ordinal);
        if (scan < 0)
        {
            return -1;
        }

        var rows = RowsLine().Match(plan, scan);
        return rows.Success ? long.Parse(rows.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>The profiler's total time in seconds, or -1.</summary>
    public static double TotalSeconds(string plan)
    {
        var match = TotalTime().Match(plan);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    // A box's title line: only an upper-case operator name between the box's borders.
    [GeneratedRegex(@"│\s+([A-Z][A-Z_]+[A-Z])\s+│")]
    private static partial Regex OperatorLine();

    [GeneratedRegex(@"([0-9][0-9,]*) rows")]
    private static partial Regex RowsLine();

    [GeneratedRegex(@"Total Time: ([0-9.]+)s")]
    private static partial Regex TotalTime();
}
