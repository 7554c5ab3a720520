using System.Diagnostics;
using System.IO.Pipelines;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Json;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>
    /// Inserts a JSON array of records, parsed as it arrives straight into Arrow columns (validated and cast against
    /// the data set's columns), all or nothing: a bad record fails with <see cref="DataSetInvalidDataException"/>
    /// naming its index and column, a key violation with <see cref="DataSetDuplicateRecordException"/> naming the
    /// first duplicate record; either way nothing is stored.
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="cancellationToken">Stops reading and interrupts the insert (nothing is stored).</param>
    /// <returns>The rows inserted and the time taken.</returns>
    public async Task<DataSetBulkResult> InsertJsonAsync(string name, PipeReader body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        using var parser = new JsonRecordParser(definition, _options.BatchRows, _options.MaxBulkRows);
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var consumed = parser.Feed(buffer, read.IsCompleted);
            body.AdvanceTo(consumed, buffer.End);
            if (read.IsCompleted || parser.IsComplete)
            {
                break;
            }
        }

        if (!parser.IsComplete)
        {
            throw new DataSetInvalidDataException($"The body ends inside the array (at record {parser.Rows}).", parser.Rows);
        }

        var batches = parser.TakeBatches();
        try
        {
            var inserted = await InsertStagedAsync(definition, parser.Schema, batches, cancellationToken).ConfigureAwait(false);
            return new DataSetBulkResult(inserted, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    /// <summary>Like <see cref="InsertJsonAsync(string, PipeReader, CancellationToken)"/> from a stream.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="cancellationToken">Stops reading and interrupts the insert.</param>
    public Task<DataSetBulkResult> InsertJsonAsync(string name, Stream body, CancellationToken cancellationToken = default) =>
        InsertJsonAsync(name, PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true)), cancellationToken);

    /// <summary>
    /// Inserts an Arrow IPC stream whose fields are columns of the data set (by name, any order; nullable columns may
    /// be absent), all or nothing. Field types must fit the columns (<see cref="DataSetTypeMap.Accepts"/>).
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="body">The Arrow IPC stream.</param>
    /// <param name="cancellationToken">Stops reading and interrupts the insert.</param>
    /// <exception cref="DataSetInvalidDataException">The stream is malformed, a field is not a column or has the wrong type, or a required value is null (nothing stored).</exception>
    public async Task<DataSetBulkResult> InsertArrowAsync(string name, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var batches = new List<RecordBatch>();
        try
        {
            var reader = new ArrowStreamReader(body, leaveOpen: true);
            await using var disposeReader = reader.ConfigureAwait(false);
            Schema incoming;
            try
            {
                incoming = await reader.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ArrowFormatException ex)
            {
                throw new DataSetInvalidDataException("The body is not an Arrow IPC stream.", innerException: ex);
            }

            var (schema, required) = StagedSchema(definition, incoming);
            long rows = 0;
            while (true)
            {
                RecordBatch? batch;
                try
                {
                    batch = await reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ArrowFormatException ex)
                {
                    throw new DataSetInvalidDataException($"The Arrow stream is malformed (after record {rows}).", rows, innerException: ex);
                }

                if (batch is null)
                {
                    break;
                }

                batches.Add(Number(batch, schema, required, ref rows));
                if (rows > _options.MaxBulkRows)
                {
                    throw new DataSetInvalidDataException($"A bulk insert takes at most {_options.MaxBulkRows} records.", _options.MaxBulkRows);
                }
            }

            var inserted = await InsertStagedAsync(definition, schema, batches, cancellationToken).ConfigureAwait(false);
            return new DataSetBulkResult(inserted, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    /// <summary>The incoming schema with <c>__row</c> appended; fields checked against the columns.</summary>
    private static (Schema Schema, int[] Required) StagedSchema(DataSetDefinition definition, Schema incoming)
    {
        var fields = new List<Field>();
        var present = new bool[definition.Columns.Count];
        foreach (var field in incoming.Fields)
        {
            var index = DataSetIdentifiers.IsValid(field.Name) ? definition.IndexOf(field.Name) : -1;
            if (index < 0 || present[index])
            {
                throw new DataSetInvalidDataException(
                    $"The Arrow field '{DataSetIdentifiers.ForMessage(field.Name)}' is not a column of '{definition.Name}' (or appears twice).", column: DataSetIdentifiers.ForMessage(field.Name));
            }

            var column = definition.Columns[index];
            if (!DataSetTypeMap.Accepts(field.Type, column.Type))
            {
                throw new DataSetInvalidDataException($"The Arrow field '{field.Name}' is {field.Type}, which does not fit the column's type {column.Type}.", column: field.Name);
            }

            present[index] = true;
            fields.Add(field);
        }

        var required = new List<int>();
        for (var i = 0; i < present.Length; i++)
        {
            if (!definition.Columns[i].Nullable)
            {
                if (!present[i])
                {
                    throw new DataSetInvalidDataException($"The Arrow stream lacks the required column '{definition.Columns[i].Name}'.", column: definition.Columns[i].Name);
                }

                required.Add(fields.FindIndex(f => string.Equals(f.Name, definition.Columns[i].Name, StringComparison.Ordinal)));
            }
        }

        fields.Add(new Field(JsonRecordParser.RowColumn, ArrowType.Int64, nullable: false));
        return (new Schema(fields), [.. required]);
    }

    /// <summary>The batch with its records numbered in <c>__row</c>; a null in a required column is refused.</summary>
    private static RecordBatch Number(RecordBatch batch, Schema schema, int[] required, ref long rows)
    {
        foreach (var index in required)
        {
            var array = batch.Column(index);
            if (array.NullCount > 0)
            {
                var row = 0;
                while (!array.IsNull(row))
                {
                    row++;
                }

                var name = schema.Fields[index].Name;
                throw new DataSetInvalidDataException($"Record {rows + row}: the field '{name}' must not be null.", rows + row, name);
            }
        }

        using var numbers = new Int64ArrayBuilder();
        numbers.Reserve(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            numbers.Append(rows + i);
        }

        rows += batch.Length;
        var columns = new List<ArrowArray>(batch.Columns) { numbers.Build() };

        // The numbered batch takes over the arrays; the incoming one is left undisposed on purpose.
        return new RecordBatch(schema, columns, batch.Length);
    }

    /// <summary>One INSERT ... SELECT over the staged batches (atomic by itself); a key violation is traced to its record.</summary>
    private async Task<long> InsertStagedAsync(DataSetDefinition definition, Schema schema, List<RecordBatch> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return 0;
        }

        var columns = new List<string>(schema.Fields.Count - 1);
        for (var i = 0; i < schema.Fields.Count - 1; i++)
        {
            columns.Add(schema.Fields[i].Name);
        }

        var list = DataSetSql.Columns(columns);
        var stage = "highperf_stage_" + Guid.NewGuid().ToString("N");
        var source = $"{ArrowTables.FunctionName}('{stage}')";
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var staged = _database.RegisterArrowTable(stage, schema, batches, ownsBatches: false);
        try
        {
            var inserted = connection.Execute($"INSERT INTO {DataSetIdentifiers.Quote(definition.Name)} ({list}) SELECT {list} FROM {source}", cancellationToken);
            DataTelemetry.RecordAppended(inserted);
            return inserted;
        }
        catch (DuckDbException ex) when (ex.Kind == DuckDbErrorKind.Constraint)
        {
            long? row = null;
            try
            {
                row = connection.ExecuteScalar<long?>(DataSetSql.FirstDuplicate(definition, source), cancellationToken);
            }
            catch (DuckDbException)
            {
                // The record stays unnamed; the violation itself is what matters.
            }

            throw new DataSetDuplicateRecordException(
                row is { } r ? $"Record {r} repeats a primary key or unique value; nothing was stored." : "A primary key or unique value is repeated; nothing was stored.",
                row, ex);
        }
        catch (DuckDbException ex) when (ex.Kind is DuckDbErrorKind.Conversion or DuckDbErrorKind.InvalidInput)
        {
            throw new DataSetInvalidDataException("A value does not fit its column; nothing was stored.", innerException: ex);
        }
        catch (DuckDbException ex)
        {
            throw StoreFailed("insert the rows", ex);
        }
    }
}
