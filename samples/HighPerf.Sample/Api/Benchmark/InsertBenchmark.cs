using System.Diagnostics;
using System.Globalization;
using System.Text;
using HighPerf.Data;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Sample.Api.Benchmark;

/// <summary>
/// Inserts the same generated rows twice into scratch tables shaped like a data set: the naive way (one prepared
/// INSERT per row, all in one transaction) and the optimized way (the rows as Arrow batches, scanned in place by
/// one <c>INSERT ... SELECT</c>, the registry's bulk path). The scratch tables are temporary tables of the one
/// connection used (DuckDB keeps them out of the database file), without the data set's keys so that any data set
/// can be measured, and dropped afterwards: the data set itself is never touched.
/// </summary>
internal sealed class InsertBenchmark(DuckDbDatabase database, DataSetRegistry registry)
{
    internal const string NaiveMethod = "prepared_insert_per_row";
    internal const string OptimizedMethod = "arrow_batches_insert_select";

    /// <summary>Runs both paths over <paramref name="rows"/> rows of <paramref name="name"/>'s shape.</summary>
    internal async Task<InsertBenchmarkResult> RunAsync(string name, int rows, CancellationToken cancellationToken)
    {
        var definition = await registry.GetDefinitionAsync(name, cancellationToken);
        var schema = DataSetTypeMap.ArrowSchema(definition);
        var started = Stopwatch.GetTimestamp();
        var batches = BenchmarkRows.Generate(definition, schema, rows);
        var generated = Stopwatch.GetElapsedTime(started);
        var suffix = Guid.NewGuid().ToString("N");
        var naiveTable = "scratch_naive_" + suffix;
        var optimizedTable = "scratch_arrow_" + suffix;
        try
        {
            using var connection = await database.OpenConnectionAsync(cancellationToken);
            try
            {
                connection.Execute(CreateScratch(definition, naiveTable), cancellationToken);
                connection.Execute(CreateScratch(definition, optimizedTable), cancellationToken);

                var naive = Naive(connection, definition, naiveTable, batches, cancellationToken);

                var optimizedStarted = Stopwatch.GetTimestamp();
                var inserted = connection.InsertArrow(optimizedTable, schema, batches, cancellationToken);
                var optimized = Stopwatch.GetElapsedTime(optimizedStarted);

                var naiveRows = connection.ExecuteScalar<long>($"SELECT count(*) FROM {DataSetIdentifiers.Quote(naiveTable)}", cancellationToken);
                var optimizedRows = connection.ExecuteScalar<long>($"SELECT count(*) FROM {DataSetIdentifiers.Quote(optimizedTable)}", cancellationToken);
                if (naiveRows != rows || optimizedRows != rows || inserted != rows)
                {
                    throw new DataSetProcessingException($"The benchmark stored {naiveRows} and {optimizedRows} rows instead of {rows}.");
                }

                return new InsertBenchmarkResult(new DataSetBenchmarkResult(rows, naive, optimized), generated);
            }
            catch (DuckDbException ex)
            {
                throw new DataSetDatabaseException("The store could not run the benchmark.", ex, ex.IsTransient);
            }
            finally
            {
                DropQuietly(connection, naiveTable);
                DropQuietly(connection, optimizedTable);
            }
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    private static TimeSpan Naive(DuckDbConnection connection, DataSetDefinition definition, string table, List<RecordBatch> batches, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(DataSetIdentifiers.Quote(table)).Append(" VALUES (");
        for (var c = 1; c <= definition.Columns.Count; c++)
        {
            sql.Append(c == 1 ? "$" : ", $").Append(c.ToString(CultureInfo.InvariantCulture));
        }

        using var insert = connection.Prepare(sql.Append(')').ToString());
        var started = Stopwatch.GetTimestamp();
        connection.Execute("BEGIN TRANSACTION", cancellationToken);
        try
        {
            foreach (var batch in batches)
            {
                for (var row = 0; row < batch.Length; row++)
                {
                    for (var c = 0; c < batch.ColumnCount; c++)
                    {
                        Bind(insert, c + 1, batch.Column(c), row);
                    }

                    insert.Execute(cancellationToken);
                }
            }

            connection.Execute("COMMIT", cancellationToken);
        }
        catch
        {
            connection.Execute("ROLLBACK", CancellationToken.None);
            throw;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Binds one value the way a row-at-a-time client does: typed, one call per column.</summary>
    private static void Bind(DuckDbStatement statement, int index, ArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            statement.BindNull(index);
            return;
        }

        switch (array)
        {
            case Int32Array a: statement.Bind(index, a.GetValue(row)); break;
            case Int64Array a: statement.Bind(index, a.GetValue(row)); break;
            case Float64Array a: statement.Bind(index, a.GetValue(row)); break;
            case BooleanArray a: statement.Bind(index, a.GetValue(row)); break;
            case Decimal128Array a: statement.Bind(index, a.GetDecimal(row)); break;
            case Date32Array a: statement.Bind(index, a.GetDate(row)); break;
            case TimestampArray a: statement.Bind(index, a.GetDateTimeOffset(row)); break;
            case StringArray a: statement.BindUtf8(index, a.GetBytes(row)); break;
            default: statement.BindNull(index); break;
        }
    }

    private static string CreateScratch(DataSetDefinition definition, string table)
    {
        var sql = new StringBuilder("CREATE TEMP TABLE ").Append(DataSetIdentifiers.Quote(table)).Append(" (");
        for (var c = 0; c < definition.Columns.Count; c++)
        {
            var column = definition.Columns[c];
            sql.Append(c == 0 ? string.Empty : ", ").Append(DataSetIdentifiers.Quote(column.Name)).Append(' ').Append(DataSetTypeMap.DuckDbType(column.Type));
        }

        return sql.Append(')').ToString();
    }

    private static void DropQuietly(DuckDbConnection connection, string table)
    {
        try
        {
            connection.Execute($"DROP TABLE IF EXISTS {DataSetIdentifiers.Quote(table)}");
        }
        catch (DuckDbException)
        {
            // A temporary table goes with its connection's session anyway; nothing of the data set depends on it.
        }
    }
}

/// <summary>Both timings and the time it took to generate the rows.</summary>
internal sealed record InsertBenchmarkResult(DataSetBenchmarkResult Timings, TimeSpan Generate);
