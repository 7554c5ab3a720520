using System.Diagnostics;
using System.Globalization;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Sql;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>The largest page of a stream.</summary>
    public const int MaxStreamBatchSize = 1_000_000;

    /// <summary>
    /// Writes the whole data set to <paramref name="output"/> as an Arrow IPC stream, page by page of
    /// <paramref name="batchSize"/> rows (each page written as the record batches the store produces, each freed once
    /// written), so memory stays bounded whatever the size. <see cref="DataSetStreamStrategy.Keyset"/> needs a
    /// single-column primary key; <see cref="DataSetStreamStrategy.Offset"/> orders by the primary key, or by storage
    /// order without one.
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="strategy">How pages are read.</param>
    /// <param name="batchSize">Rows per page, 1 to <see cref="MaxStreamBatchSize"/>.</param>
    /// <param name="output">Where the stream goes.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <exception cref="DataSetInvalidDataException">Keyset without a single-column primary key, or a batch size out of range.</exception>
    public async Task<DataSetStreamResult> StreamArrowAsync(string name, DataSetStreamStrategy strategy, int batchSize, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        if (batchSize < 1 || batchSize > MaxStreamBatchSize)
        {
            throw new DataSetInvalidDataException($"The batch size must be between 1 and {MaxStreamBatchSize}.");
        }

        var keyColumn = definition.SingleKeyColumn;
        if (strategy == DataSetStreamStrategy.Keyset && keyColumn < 0)
        {
            throw new DataSetInvalidDataException(
                $"Keyset streaming needs a single-column primary key, which '{definition.Name}' does not have; use strategy=offset.");
        }

        var started = Stopwatch.GetTimestamp();
        var table = DataSetIdentifiers.Quote(definition.Name);
        var columns = DataSetSql.AllColumns(definition);
        var orderBy = DataSetSql.OrderBy(definition, _store.Dialect);
        var limit = batchSize.ToString(CultureInfo.InvariantCulture);
        var next = strategy == DataSetStreamStrategy.Keyset
            ? $"SELECT {columns} FROM {table} WHERE {DataSetIdentifiers.Quote(definition.Columns[keyColumn].Name)} > $1{orderBy} LIMIT {limit}"
            : $"SELECT {columns} FROM {table}{orderBy} LIMIT {limit} OFFSET $1";
        var first = $"SELECT {columns} FROM {table}{orderBy} LIMIT {limit}";

        ArrowStreamWriter? writer = null;
        var pageTimes = new List<TimeSpan>();
        var parameter = new SqlValue[1];
        long rows = 0;
        try
        {
            SqlValue last = default;
            while (true)
            {
                var pageStarted = Stopwatch.GetTimestamp();
                var sql = first;
                IReadOnlyList<SqlValue> parameters = [];
                if (rows > 0)
                {
                    parameter[0] = strategy == DataSetStreamStrategy.Keyset ? last : SqlValue.FromInt64(DataSetTypeKind.Int64, rows);
                    (sql, parameters) = (next, parameter);
                }

                long pageRows = 0;
                await foreach (var batch in _store.ReadAsync(sql, parameters, cancellationToken).ConfigureAwait(false))
                {
                    using (batch)
                    {
                        writer ??= new ArrowStreamWriter(output, batch.Schema, leaveOpen: true);
                        pageRows += batch.Length;
                        if (keyColumn >= 0 && batch.Length > 0)
                        {
                            last = KeyValue(batch.Column(keyColumn), batch.Length - 1, definition.Columns[keyColumn].Type.Kind);
                        }

                        if (batch.Length > 0)
                        {
                            await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                rows += pageRows;
                pageTimes.Add(Stopwatch.GetElapsedTime(pageStarted));
                if (pageRows < batchSize)
                {
                    break;
                }
            }

            writer ??= new ArrowStreamWriter(output, DataSetTypeMap.ArrowSchema(definition), leaveOpen: true);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return new DataSetStreamResult(rows, pageTimes.Count, writer.BytesWritten, Stopwatch.GetElapsedTime(started), pageTimes);
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("read the rows", ex, transient);
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The key value at <paramref name="index"/>, to start the next keyset page after.</summary>
    private static SqlValue KeyValue(ArrowArray array, int index, DataSetTypeKind kind) => kind switch
    {
        DataSetTypeKind.Int32 => SqlValue.FromInt64(kind, ((Int32Array)array).GetValue(index)),
        DataSetTypeKind.Int64 => SqlValue.FromInt64(kind, ((Int64Array)array).GetValue(index)),
        DataSetTypeKind.Decimal => SqlValue.FromDecimal(((Decimal128Array)array).GetDecimal(index)),
        DataSetTypeKind.Bool => SqlValue.FromBool(((BooleanArray)array).GetValue(index)),
        DataSetTypeKind.Date => SqlValue.FromInt64(kind, ((Date32Array)array).GetValue(index)),
        DataSetTypeKind.Timestamp => SqlValue.FromInt64(kind, ((TimestampArray)array).GetValue(index)),
        DataSetTypeKind.Float64 => SqlValue.FromDouble(((Float64Array)array).GetValue(index)),
        _ => SqlValue.FromString(((StringArray)array).GetValue(index)!),
    };
}
