using System.Text;
using HighPerf.Data.DataSets.Sql;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>The summary analysis of a data set: count, types, min/max/mean per column, computed in SQL.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="cancellationToken">Interrupts the queries.</param>
    public async Task<DataSetSummary> SummarizeAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Guard(() => Summarize(connection, definition, DataSetFilter.None, cancellationToken));
    }

    /// <summary>The profile of a data set: distinct counts, histograms of numeric columns, top values of the others.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="cancellationToken">Interrupts the queries.</param>
    public async Task<DataSetProfile> ProfileAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Guard(() => DataSetAnalysisSql.Profile(connection, definition, cancellationToken));
    }

    /// <summary>The quality of a data set: nulls, duplicates on keys, type violations.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="cancellationToken">Interrupts the queries.</param>
    public async Task<DataSetQuality> CheckQualityAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Guard(() => DataSetAnalysisSql.Quality(connection, definition, cancellationToken));
    }

    private static DataSetSummary Summarize(DuckDbConnection connection, DataSetDefinition definition, DataSetFilter filter, CancellationToken cancellationToken) =>
        DataSetAnalysisSql.Summary(connection, definition, filter, cancellationToken);

    private static T Guard<T>(Func<T> analysis)
    {
        try
        {
            return analysis();
        }
        catch (DuckDbException ex)
        {
            throw StoreFailed("analyse the rows", ex);
        }
    }
}

/// <summary>The analyses as SQL: one aggregate query per analysis, and one per column for histograms and top values.</summary>
internal static class DataSetAnalysisSql
{
    private const int Bins = 10;

    internal static DataSetSummary Summary(DuckDbConnection connection, DataSetDefinition definition, DataSetFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in definition.Columns)
        {
            var c = DataSetIdentifiers.Quote(column.Name);
            var ordered = column.Type.Kind != DataSetTypeKind.Json;
            sql.Append(", count(").Append(c).Append(')')
                .Append(ordered ? $", CAST(min({c}) AS VARCHAR), CAST(max({c}) AS VARCHAR)" : ", NULL, NULL")
                .Append(IsNumeric(column) ? $", CAST(avg({c}) AS DOUBLE)" : ", NULL");
        }

        sql.Append(" FROM ").Append(DataSetIdentifiers.Quote(definition.Name)).Append(' ').Append(filter.Where);
        using var statement = connection.Prepare(sql.ToString());
        DuckDbBinding.BindAll(statement, filter.Parameters);
        return statement.QueryRows(row =>
        {
            var total = row.Get<long>(0);
            var columns = new ColumnSummary[definition.Columns.Count];
            for (var i = 0; i < columns.Length; i++)
            {
                var at = 1 + (i * 4);
                var nonNull = row.Get<long>(at);
                columns[i] = new ColumnSummary(
                    definition.Columns[i].Name, definition.Columns[i].Type.ToString(), nonNull, total - nonNull,
                    row.IsNull(at + 1) ? null : row.Get<string>(at + 1),
                    row.IsNull(at + 2) ? null : row.Get<string>(at + 2),
                    row.IsNull(at + 3) ? null : row.Get<double>(at + 3));
            }

            return new DataSetSummary(total, columns);
        }, cancellationToken)[0];
    }

    internal static DataSetProfile Profile(DuckDbConnection connection, DataSetDefinition definition, CancellationToken cancellationToken)
    {
        var table = DataSetIdentifiers.Quote(definition.Name);
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in definition.Columns)
        {
            sql.Append(", count(DISTINCT ").Append(DataSetIdentifiers.Quote(column.Name)).Append(')');
        }

        sql.Append(" FROM ").Append(table);
        var counts = connection.QueryRows(sql.ToString(), row =>
        {
            var values = new long[row.ColumnCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row.Get<long>(i);
            }

            return values;
        }, cancellationToken)[0];

        var columns = new ColumnProfile[definition.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = definition.Columns[i];
            var c = DataSetIdentifiers.Quote(column.Name);
            List<HistogramBin>? histogram = null;
            List<TopValue>? top = null;
            if (IsNumeric(column))
            {
                // Equal-width bins between min and max; NaN and infinities stay out (quality counts them).
                var finite = column.Type.Kind == DataSetTypeKind.Float64 ? $" AND isfinite({c})" : string.Empty;
                histogram = connection.QueryRows(
                    $"WITH s AS (SELECT CAST({c} AS DOUBLE) AS v FROM {table} WHERE {c} IS NOT NULL{finite}), b AS (SELECT min(v) AS lo, max(v) AS hi FROM s) "
                    + $"SELECT coalesce(least({Bins - 1}, CAST(floor((v - lo) / nullif(hi - lo, 0) * {Bins}) AS INTEGER)), 0) AS bin, any_value(lo), any_value(hi), count(*) "
                    + "FROM s, b GROUP BY bin ORDER BY bin",
                    static row =>
                    {
                        var bin = row.Get<int>(0);
                        var lo = row.Get<double>(1);
                        var width = (row.Get<double>(2) - lo) / Bins;
                        return new HistogramBin(lo + (bin * width), lo + ((bin + 1) * width), row.Get<long>(3));
                    },
                    cancellationToken);
            }
            else if (column.Type.Kind is DataSetTypeKind.String or DataSetTypeKind.Bool or DataSetTypeKind.Date)
            {
                top = connection.QueryRows(
                    $"SELECT CAST({c} AS VARCHAR) AS v, count(*) AS n FROM {table} WHERE {c} IS NOT NULL GROUP BY {c} ORDER BY n DESC, v LIMIT 5",
                    static row => new TopValue(row.Get<string>(0), row.Get<long>(1)),
                    cancellationToken);
            }

            columns[i] = new ColumnProfile(column.Name, column.Type.ToString(), counts[i + 1], histogram, top);
        }

        return new DataSetProfile(counts[0], columns);
    }

    internal static DataSetQuality Quality(DuckDbConnection connection, DataSetDefinition definition, CancellationToken cancellationToken)
    {
        var table = DataSetIdentifiers.Quote(definition.Name);
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in definition.Columns)
        {
            var c = DataSetIdentifiers.Quote(column.Name);
            sql.Append(", count(*) - count(").Append(c).Append(')').Append(column.Type.Kind switch
            {
                DataSetTypeKind.Float64 => $", count(*) FILTER (WHERE NOT isfinite({c}))",
                DataSetTypeKind.Json => $", count(*) FILTER (WHERE NOT json_valid(CAST({c} AS VARCHAR)))",
                _ => ", 0",
            });
        }

        sql.Append(" FROM ").Append(table);
        var values = connection.QueryRows(sql.ToString(), row =>
        {
            var all = new long[row.ColumnCount];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = row.Get<long>(i);
            }

            return all;
        }, cancellationToken)[0];

        var total = values[0];
        var columns = new ColumnQuality[definition.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var nulls = values[1 + (i * 2)];
            columns[i] = new ColumnQuality(definition.Columns[i].Name, nulls, total == 0 ? 0 : (double)nulls / total, values[2 + (i * 2)]);
        }

        var keys = new List<KeyQuality>();
        foreach (var key in definition.Keys())
        {
            var list = DataSetSql.Columns(key);
            var notNull = new StringBuilder();
            foreach (var name in key)
            {
                notNull.Append(notNull.Length == 0 ? string.Empty : " AND ").Append(DataSetIdentifiers.Quote(name)).Append(" IS NOT NULL");
            }

            var duplicates = connection.ExecuteScalar<long>(
                $"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {table} WHERE {notNull} GROUP BY {list} HAVING count(*) > 1)",
                cancellationToken);
            keys.Add(new KeyQuality(key, duplicates));
        }

        return new DataSetQuality(total, columns, keys);
    }

    private static bool IsNumeric(DataSetColumn column) =>
        column.Type.Kind is DataSetTypeKind.Int32 or DataSetTypeKind.Int64 or DataSetTypeKind.Float64 or DataSetTypeKind.Decimal;
}
