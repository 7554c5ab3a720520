using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Json;

namespace HighPerf.Data.DataSets.Bulk;

/// <summary>
/// An Arrow IPC bulk body checked against a data set, for either store: its fields must be columns (by name, any
/// order; nullable columns may be absent) of fitting types (<see cref="DataSetTypeMap.Accepts"/>), a required column
/// may hold no null, and the body may hold at most the configured number of records. Batches are read one at a time.
/// </summary>
internal sealed class ArrowBodyReader : IAsyncDisposable
{
    private readonly ArrowStreamReader _reader;
    private readonly int[] _required;
    private readonly long _maxRows;

    private ArrowBodyReader(ArrowStreamReader reader, Schema incoming, int[] required, long maxRows)
    {
        _reader = reader;
        _required = required;
        _maxRows = maxRows;
        Incoming = incoming;
        var fields = new List<Field>(incoming.Fields) { new(JsonRecordParser.RowColumn, ArrowType.Int64, nullable: false) };
        Numbered = new Schema(fields);
        var columns = new string[incoming.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = incoming.Fields[i].Name;
        }

        Columns = columns;
    }

    /// <summary>The body's schema.</summary>
    internal Schema Incoming { get; }

    /// <summary>The body's schema with <c>__row</c> (the record's 0-based index) appended.</summary>
    internal Schema Numbered { get; }

    /// <summary>The columns the body's fields fill, in field order.</summary>
    internal IReadOnlyList<string> Columns { get; }

    /// <summary>Records read so far.</summary>
    internal long Rows { get; private set; }

    /// <exception cref="DataSetInvalidDataException">The body is not Arrow IPC, or its schema does not fit the data set.</exception>
    internal static async Task<ArrowBodyReader> OpenAsync(DataSetDefinition definition, Stream body, long maxRows, CancellationToken cancellationToken)
    {
        var reader = new ArrowStreamReader(body, leaveOpen: true);
        try
        {
            Schema incoming;
            try
            {
                incoming = await reader.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ArrowFormatException ex)
            {
                throw new DataSetInvalidDataException("The body is not an Arrow IPC stream.", innerException: ex);
            }

            return new ArrowBodyReader(reader, incoming, Check(definition, incoming), maxRows);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next batch as sent (the caller's to dispose), or <see langword="null"/> at the end.</summary>
    /// <exception cref="DataSetInvalidDataException">The stream is malformed, a required value is null, or the body is too long.</exception>
    internal async ValueTask<RecordBatch?> ReadAsync(CancellationToken cancellationToken)
    {
        RecordBatch? batch;
        try
        {
            batch = await _reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ArrowFormatException ex)
        {
            throw new DataSetInvalidDataException($"The Arrow stream is malformed (after record {Rows}).", Rows, innerException: ex);
        }

        if (batch is null)
        {
            return null;
        }

        try
        {
            CheckRequired(batch);
            Rows += batch.Length;
            if (Rows > _maxRows)
            {
                throw new DataSetInvalidDataException($"A bulk insert takes at most {_maxRows} records.", _maxRows);
            }

            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    /// <summary>The next batch with its records numbered in <c>__row</c> (schema <see cref="Numbered"/>), or <see langword="null"/> at the end.</summary>
    internal async ValueTask<RecordBatch?> ReadNumberedAsync(CancellationToken cancellationToken)
    {
        var first = Rows;
        if (await ReadAsync(cancellationToken).ConfigureAwait(false) is not { } batch)
        {
            return null;
        }

        using var numbers = new Int64ArrayBuilder();
        numbers.Reserve(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            numbers.Append(first + i);
        }

        var columns = new List<ArrowArray>(batch.Columns) { numbers.Build() };

        // The numbered batch takes over the arrays; the incoming one is left undisposed on purpose.
        return new RecordBatch(Numbered, columns, batch.Length);
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    /// <summary>The indexes of the body's fields that fill required columns; throws when a field does not fit.</summary>
    private static int[] Check(DataSetDefinition definition, Schema incoming)
    {
        var present = new int[definition.Columns.Count];
        Array.Fill(present, -1);
        for (var f = 0; f < incoming.Fields.Count; f++)
        {
            var field = incoming.Fields[f];
            var index = DataSetIdentifiers.IsValid(field.Name) ? definition.IndexOf(field.Name) : -1;
            if (index < 0 || present[index] >= 0)
            {
                throw new DataSetInvalidDataException(
                    $"The Arrow field '{DataSetIdentifiers.ForMessage(field.Name)}' is not a column of '{definition.Name}' (or appears twice).", column: DataSetIdentifiers.ForMessage(field.Name));
            }

            var column = definition.Columns[index];
            if (!DataSetTypeMap.Accepts(field.Type, column.Type))
            {
                throw new DataSetInvalidDataException($"The Arrow field '{field.Name}' is {field.Type}, which does not fit the column's type {column.Type}.", column: field.Name);
            }

            present[index] = f;
        }

        var required = new List<int>();
        for (var i = 0; i < present.Length; i++)
        {
            if (!definition.Columns[i].Nullable)
            {
                if (present[i] < 0)
                {
                    throw new DataSetInvalidDataException($"The Arrow stream lacks the required column '{definition.Columns[i].Name}'.", column: definition.Columns[i].Name);
                }

                required.Add(present[i]);
            }
        }

        return [.. required];
    }

    private void CheckRequired(RecordBatch batch)
    {
        foreach (var index in _required)
        {
            var array = batch.Column(index);
            if (array.NullCount > 0)
            {
                var row = 0;
                while (!array.IsNull(row))
                {
                    row++;
                }

                var name = Incoming.Fields[index].Name;
                throw new DataSetInvalidDataException($"Record {Rows + row}: the field '{name}' must not be null.", Rows + row, name);
            }
        }
    }
}
