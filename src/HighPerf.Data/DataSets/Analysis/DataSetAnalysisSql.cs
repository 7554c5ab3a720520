using System.Text;
using HighPerf.Data.DataSets.Sql;
using HighPerf.Data.DataSets.Stores;

namespace HighPerf.Data.DataSets.Analysis;

/// <summary>
/// The analyses as SQL run by the store itself, on DuckDB or on PostgreSQL alike: one aggregate query per analysis,
/// and one per column for histograms and top values. On PostgreSQL they run where the rows are rather than on a copy
/// registered in DuckDB, because a copy would move the whole data set over the wire and hold it in memory, while the
/// answers are a few rows. The SQL is the subset both dialects read the same (<see cref="SqlDialect"/> holds the rest):
/// <c>bool_and</c>/<c>bool_or</c> for the bounds of booleans, <c>FLOAT8</c> casts, named derived tables.
/// </summary>
internal static class DataSetAnalysisSql
{
    private const int Bins = 10;

    internal static async Task<DataSetSummary> SummaryAsync(DataSetStore store, DataSetDefinition definition, DataSetFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in definition.Columns)
        {
            var c = DataSetIdentifiers.Quote(column.Name);
            sql.Append(", count(").Append(c).Append(')').Append(column.Type.Kind switch
            {
                DataSetTypeKind.Json => ", NULL, NULL",
                DataSetTypeKind.Bool => $", CAST(bool_and({c}) AS VARCHAR), CAST(bool_or({c}) AS VARCHAR)",
                _ => $", CAST(min({c}) AS VARCHAR), CAST(max({c}) AS VARCHAR)",
            }).Append(IsNumeric(column) ? $", CAST(avg({c}) AS FLOAT8)" : ", NULL");
        }

        sql.Append(" FROM ").Append(DataSetIdentifiers.Quote(definition.Name)).Append(' ').Append(filter.Where);
        var rows = await store.QueryRowsAsync(sql.ToString(), filter.Parameters, new SummaryMapper(definition), cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    internal static async Task<DataSetProfile> ProfileAsync(DataSetStore store, DataSetDefinition definition, CancellationToken cancellationToken)
    {
        var table = DataSetIdentifiers.Quote(definition.Name);
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in definition.Columns)
        {
            sql.Append(", count(DISTINCT ").Append(DataSetIdentifiers.Quote(column.Name)).Append(')');
        }

        sql.Append(" FROM ").Append(table);
        var counts = (await store.QueryRowsAsync(sql.ToString(), [], Int64RowMapper.Instance, cancellationToken).ConfigureAwait(false))[0];

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
                var finite = column.Type.Kind == DataSetTypeKind.Float64 ? $" AND {NotFinite(c, negate: true)}" : string.Empty;
                histogram = await store.QueryRowsAsync(
                    $"WITH s AS (SELECT CAST({c} AS FLOAT8) AS v FROM {table} WHERE {c} IS NOT NULL{finite}), b AS (SELECT min(v) AS lo, max(v) AS hi FROM s) "
                    + $"SELECT coalesce(least({Bins - 1}, CAST(floor((v - lo) / nullif(hi - lo, 0) * {Bins}) AS INTEGER)), 0) AS bin, min(lo), min(hi), count(*) "
                    + "FROM s, b GROUP BY bin ORDER BY bin",
                    [],
                    HistogramMapper.Instance,
                    cancellationToken).ConfigureAwait(false);
            }
            else if (column.Type.Kind is DataSetTypeKind.String or DataSetTypeKind.Bool or DataSetTypeKind.Date)
            {
                top = await store.QueryRowsAsync(
                    $"SELECT v, n FROM (SELECT CAST({c} AS VARCHAR) AS v, count(*) AS n FROM {table} WHERE {c} IS NOT NULL GROUP BY {c}) AS t ORDER BY n DESC, {store.Dialect.Binary("v")} LIMIT 5",
                    [],
                    TopValueMapper.Instance,
                    cancellationToken).ConfigureAwait(false);
            }

            columns[i] = new ColumnProfile(column.Name, column.Type.ToString(), counts[i + 1], histogram, top);
        }

        return new DataSetProfile(counts[0], columns);
    }

    internal static async Task<DataSetQuality> QualityAsync(DataSetStore store, DataSetDefinition definition, CancellationToken cancellationToken)
    {
        var table = DataSetIdentifiers.Quote(definition.Name);
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in definition.Columns)
        {
            var c = DataSetIdentifiers.Quote(column.Name);
            sql.Append(", count(*) - count(").Append(c).Append(')').Append(column.Type.Kind switch
            {
                DataSetTypeKind.Float64 => $", count(*) FILTER (WHERE {NotFinite(c, negate: false)})",
                DataSetTypeKind.Json => ", " + store.Dialect.InvalidJsonCount(c),
                _ => ", 0",
            });
        }

        sql.Append(" FROM ").Append(table);
        var values = (await store.QueryRowsAsync(sql.ToString(), [], Int64RowMapper.Instance, cancellationToken).ConfigureAwait(false))[0];

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

            var duplicates = await store.QueryRowsAsync(
                $"SELECT CAST(coalesce(sum(n - 1), 0) AS BIGINT) FROM (SELECT count(*) AS n FROM {table} WHERE {notNull} GROUP BY {list} HAVING count(*) > 1) AS d",
                [],
                Int64RowMapper.Instance,
                cancellationToken).ConfigureAwait(false);
            keys.Add(new KeyQuality(key, duplicates[0][0]));
        }

        return new DataSetQuality(total, columns, keys);
    }

    /// <summary>NaN or an infinity (or, negated, neither); both stores order NaN as one value equal to itself.</summary>
    private static string NotFinite(string quotedColumn, bool negate) =>
        $"{quotedColumn} {(negate ? "NOT IN" : "IN")} (CAST('NaN' AS FLOAT8), CAST('Infinity' AS FLOAT8), CAST('-Infinity' AS FLOAT8))";

    private static bool IsNumeric(DataSetColumn column) =>
        column.Type.Kind is DataSetTypeKind.Int32 or DataSetTypeKind.Int64 or DataSetTypeKind.Float64 or DataSetTypeKind.Decimal;

    private sealed class SummaryMapper(DataSetDefinition definition) : IRowMapper<DataSetSummary>
    {
        public DataSetSummary Map<TRow>(TRow row)
            where TRow : ISqlRow, allows ref struct
        {
            var total = row.GetInt64(0);
            var columns = new ColumnSummary[definition.Columns.Count];
            for (var i = 0; i < columns.Length; i++)
            {
                var at = 1 + (i * 4);
                var nonNull = row.GetInt64(at);
                columns[i] = new ColumnSummary(
                    definition.Columns[i].Name, definition.Columns[i].Type.ToString(), nonNull, total - nonNull,
                    row.IsNull(at + 1) ? null : row.GetString(at + 1),
                    row.IsNull(at + 2) ? null : row.GetString(at + 2),
                    row.IsNull(at + 3) ? null : row.GetDouble(at + 3));
            }

            return new DataSetSummary(total, columns);
        }
    }

    /// <summary>Every column as a long.</summary>
    private sealed class Int64RowMapper : IRowMapper<long[]>
    {
        internal static readonly Int64RowMapper Instance = new();

        public long[] Map<TRow>(TRow row)
            where TRow : ISqlRow, allows ref struct
        {
            var values = new long[row.ColumnCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row.GetInt64(i);
            }

            return values;
        }
    }

    private sealed class HistogramMapper : IRowMapper<HistogramBin>
    {
        internal static readonly HistogramMapper Instance = new();

        public HistogramBin Map<TRow>(TRow row)
            where TRow : ISqlRow, allows ref struct
        {
            var bin = row.GetInt32(0);
            var lo = row.GetDouble(1);
            var width = (row.GetDouble(2) - lo) / Bins;
            return new HistogramBin(lo + (bin * width), lo + ((bin + 1) * width), row.GetInt64(3));
        }
    }

    private sealed class TopValueMapper : IRowMapper<TopValue>
    {
        internal static readonly TopValueMapper Instance = new();

        public TopValue Map<TRow>(TRow row)
            where TRow : ISqlRow, allows ref struct => new(row.GetString(0), row.GetInt64(1));
    }
}
