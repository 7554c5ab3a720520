using System.IO.Pipelines;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;
using HighPerf.Data.DataSets.Json;
using HighPerf.Data.Postgres;

namespace HighPerf.Data;

public sealed partial class PostgresArrowClient
{
    private const int JsonBatchRows = 8_192;

    /// <summary>
    /// Inserts a JSON array of records into <paramref name="table"/>: the body is read with <c>Utf8JsonReader</c> as it
    /// arrives, each value validated and cast against <paramref name="definition"/>'s column (the data sets' JSON
    /// rules: numbers for numeric columns, ISO 8601 strings for timestamps, <c>yyyy-MM-dd</c> for dates, any JSON for
    /// json columns), and small Arrow batches of parsed rows are encoded straight into one binary COPY while the rest of
    /// the body is still being read; all or nothing, in one transaction.
    /// </summary>
    /// <param name="table">The table (a name or <c>schema.name</c>).</param>
    /// <param name="definition">The records' columns: names as in the table, types and nullability to check the values against.</param>
    /// <param name="json">The JSON array; read to its end, left open.</param>
    /// <param name="cancellationToken">Stops reading, abandons the COPY and rolls back: nothing is stored.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="PostgresArrowException">
    /// A record is malformed or a value does not fit its column (<see cref="PostgresArrowErrorKind.InvalidValue"/>, with the
    /// record's 0-based index and the column), or the server refused a row (a duplicate key...); nothing was stored.
    /// </exception>
    public async Task<long> BulkInsertJsonAsync(string table, DataSetDefinition definition, Stream json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(json);
        var columns = new string[definition.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = definition.Columns[i].Name;
        }

        var body = PipeReader.Create(json, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        try
        {
            using var parser = new JsonRecordParser(definition, JsonBatchRows, long.MaxValue);
            return await CopyInAsync(table, columns, (Body: body, Parser: parser), static (writer, state, ct) => CopyJsonAsync(writer, state.Body, state.Parser, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DataSetInvalidDataException ex)
        {
            throw new PostgresArrowException(PostgresArrowErrorKind.InvalidValue, ex.Message + " Nothing was stored.", rowIndex: ex.RowIndex, columnName: ex.Column, innerException: ex);
        }
        finally
        {
            await body.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask CopyJsonAsync(CopyBinaryWriter writer, PipeReader body, JsonRecordParser parser, CancellationToken cancellationToken)
    {
        var ready = new List<RecordBatch>();
        try
        {
            bool more;
            do
            {
                more = await parser.FeedAsync(body, cancellationToken).ConfigureAwait(false);
                parser.TakeFullBatches(ready);
                await WriteAndDisposeAsync(writer, ready, cancellationToken).ConfigureAwait(false);
            }
            while (more);

            ready.AddRange(parser.TakeBatches());
            await WriteAndDisposeAsync(writer, ready, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var batch in ready)
            {
                batch.Dispose();
            }
        }
    }

    private static async ValueTask WriteAndDisposeAsync(CopyBinaryWriter writer, List<RecordBatch> batches, CancellationToken cancellationToken)
    {
        while (batches.Count > 0)
        {
            var batch = batches[0];
            try
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                batch.Dispose();
                batches.RemoveAt(0);
            }
        }
    }
}
