using HighPerf.Data;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>
/// DuckDB's plans for the last page of each strategy, prepared with a bound parameter exactly as
/// <c>DataSetRegistry.StreamArrowAsync</c> runs them, plus the same queries with the value written in as a literal,
/// because DuckDB's optimizer treats a constant OFFSET differently from a parameter.
/// </summary>
internal static class QueryPlans
{
    public static IReadOnlyList<(string Title, string Sql, string Plan)> Explain(DuckDbDatabase database, string table, long rows, int batchSize)
    {
        const string Columns = "\"id\", \"user_id\", \"event_type\", \"amount\", \"created_at\", \"ok\"";
        var lastOffset = rows - batchSize;
        var lastKey = rows - batchSize - 1;
        var middleKey = rows / 2 - 1;
        var offsetSql = $"SELECT {Columns} FROM \"{table}\" ORDER BY \"id\" LIMIT {batchSize} OFFSET $1";
        var keysetSql = $"SELECT {Columns} FROM \"{table}\" WHERE \"id\" > $1 ORDER BY \"id\" LIMIT {batchSize}";
        using var connection = database.OpenConnection();
        return
        [
            ("offset, prepared (as the registry runs it), last page", offsetSql.Replace("$1", $"$1 -- {lastOffset}", StringComparison.Ordinal), ExplainAnalyze(connection, offsetSql, lastOffset)),
            ("keyset, prepared (as the registry runs it), last page", keysetSql.Replace("$1", $"$1 -- {lastKey}", StringComparison.Ordinal), ExplainAnalyze(connection, keysetSql, lastKey)),
            ("keyset, prepared, the middle page", keysetSql.Replace("$1", $"$1 -- {middleKey}", StringComparison.Ordinal), ExplainAnalyze(connection, keysetSql, middleKey)),
            ("keyset, literal key, the middle page", keysetSql.Replace("$1", middleKey.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), ExplainAnalyze(connection, keysetSql.Replace("$1", middleKey.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), null)),
            ("offset, literal OFFSET, last page", offsetSql.Replace("$1", lastOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), ExplainAnalyze(connection, offsetSql.Replace("$1", lastOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), null)),
        ];
    }

    private static string ExplainAnalyze(DuckDbConnection connection, string sql, long? parameter)
    {
        using var statement = connection.Prepare("EXPLAIN ANALYZE " + sql);
        if (parameter is { } value)
        {
            statement.Bind(1, value);
        }

        var lines = statement.QueryRows(static row => row.Get<string>(1) ?? string.Empty);
        return string.Join('\n', lines).TrimEnd();
    }
}
