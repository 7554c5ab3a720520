using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Bulk;

namespace HighPerf.Data.DataSets.Stores;

internal sealed partial class PostgresDataSetStore
{
    /// <summary>
    /// The body parsed as it arrives and written batch by batch into one binary COPY in a transaction (as
    /// <see cref="PostgresArrowClient.BulkInsertJsonAsync"/> does, with the registry's record limit): all or nothing,
    /// and memory bounded by a batch.
    /// </summary>
    internal override async Task<long> InsertJsonAsync(DataSetDefinition definition, PipeReader body, DataSetOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.BulkInsertDataSetJsonAsync(definition.Name, definition, body, options.MaxBulkRows, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresArrowException ex) when (Translate(ex) is { } error)
        {
            throw error;
        }
    }

    /// <summary>The body's batches streamed into one binary COPY as they are read, each freed once written.</summary>
    internal override async Task<long> InsertArrowAsync(DataSetDefinition definition, ArrowBodyReader body, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.BulkInsertAsync(definition.Name, body.Columns, ReadAsync(body, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresArrowException ex) when (Translate(ex) is { } error)
        {
            throw error;
        }
    }

    private static async IAsyncEnumerable<RecordBatch> ReadAsync(ArrowBodyReader body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RecordBatch? previous = null;
        try
        {
            while (await body.ReadAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                // The COPY writer is done with a batch once it asks for the next.
                previous?.Dispose();
                previous = batch;
                yield return batch;
            }
        }
        finally
        {
            previous?.Dispose();
        }
    }

    /// <summary>The data set error a refused insert means, or <see langword="null"/> for a failure of the store itself.</summary>
    private static DataSetException? Translate(PostgresArrowException error)
    {
        var row = error.RowIndex;
        var record = row is { } r ? $"Record {r}" : "A record";
        return error.Kind switch
        {
            PostgresArrowErrorKind.UniqueViolation => new DataSetDuplicateRecordException(
                $"{record} repeats a primary key or unique value; nothing was stored.", row, error),
            PostgresArrowErrorKind.InvalidValue when error.InnerException is DataSetInvalidDataException parsed =>
                new DataSetInvalidDataException(parsed.Message, parsed.RowIndex, parsed.Column, error),
            PostgresArrowErrorKind.InvalidValue => new DataSetInvalidDataException(
                error.ColumnName is { } column
                    ? $"{record}: the value of '{column}' does not fit the column; nothing was stored."
                    : $"{record}: a value does not fit its column; nothing was stored.",
                row, error.ColumnName, error),
            PostgresArrowErrorKind.UnsupportedType => new DataSetInvalidDataException(
                "An Arrow field's type cannot be written into its PostgreSQL column; nothing was stored.", column: error.ColumnName, innerException: error),
            _ => null,
        };
    }
}
