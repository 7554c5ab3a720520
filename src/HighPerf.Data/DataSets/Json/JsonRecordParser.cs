using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using HighPerf.Data.Arrow;
using HighPerf.Data.IO;

namespace HighPerf.Data.DataSets.Json;

/// <summary>
/// Parses a JSON array of records straight into Arrow column builders as the bytes arrive: each value is
/// validated and cast against its column when it is read (no per-row object), batches of
/// <c>batchRows</c> rows are cut as they fill, and a hidden <c>__row</c> column numbers the records so that a
/// store can name the record behind a constraint violation. Resumable: <see cref="Feed"/> takes whatever part of
/// the body has arrived and says how far it got.
/// </summary>
internal sealed partial class JsonRecordParser : IDisposable
{
    internal const string RowColumn = "__row";

    private readonly DataSetDefinition _definition;
    private readonly byte[][] _names;
    private readonly ArrowArrayBuilder[] _builders;
    private readonly Int64ArrayBuilder _rows = new();
    private readonly ulong[] _seen;
    private readonly int _batchRows;
    private readonly long _maxRows;
    private readonly List<RecordBatch> _batches = [];
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });
    private ContiguousPipeReader? _input;
    private Stage _stage;
    private int _column = -1;
    private int _lastColumn = -1;
    private long _row;

    internal JsonRecordParser(DataSetDefinition definition, int batchRows, long maxRows)
    {
        _definition = definition;
        _batchRows = batchRows;
        _maxRows = maxRows;
        var count = definition.Columns.Count;
        _names = new byte[count][];
        _builders = new ArrowArrayBuilder[count];
        for (var i = 0; i < count; i++)
        {
            _names[i] = System.Text.Encoding.UTF8.GetBytes(definition.Columns[i].Name);
            _builders[i] = ArrowArrayBuilder.Create(DataSetTypeMap.ArrowType(definition.Columns[i].Type));
        }

        _seen = new ulong[(count + 63) >> 6];
        Schema = RowNumberedSchema(definition);
    }

    private enum Stage
    {
        BeforeArray,
        BetweenRecords,
        InRecord,
        Value,
        Done,
    }

    /// <summary>The batches' schema: the data set's columns, then <c>__row</c>.</summary>
    internal Schema Schema { get; }

    /// <summary>The records read so far.</summary>
    internal long Rows => _row;

    /// <summary>Whether the closing bracket of the array was read.</summary>
    internal bool IsComplete => _stage == Stage.Done;

    /// <summary>The schema of a data set's rows with the hidden row number last.</summary>
    internal static Schema RowNumberedSchema(DataSetDefinition definition)
    {
        var fields = new List<Field>(DataSetTypeMap.ArrowSchema(definition).Fields) { new(RowColumn, ArrowType.Int64, nullable: false) };
        return new Schema(fields);
    }

    /// <summary>
    /// One read of <paramref name="body"/>, through a <see cref="ContiguousPipeReader"/> so that <see cref="Feed"/>
    /// reads one span (the JSON reader's single-segment path). Only what was parsed is consumed; the read is ended
    /// also when a record fails, so the reader's owner can still drain or complete it.
    /// </summary>
    /// <returns>Whether the array goes on past what was read.</returns>
    /// <exception cref="DataSetInvalidDataException">The body is malformed or a value does not fit its column.</exception>
    internal async ValueTask<bool> FeedAsync(PipeReader body, CancellationToken cancellationToken)
    {
        var input = _input ??= new ContiguousPipeReader(body);
        var read = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
        var consumed = 0;
        try
        {
            var window = new ReadOnlySequence<byte>(read.Bytes);
            consumed = (int)window.Slice(window.Start, Feed(window, read.IsFinal)).Length;
        }
        finally
        {
            input.Advance(consumed);
        }

        return !read.IsFinal && !IsComplete;
    }

    /// <summary>Parses as much of <paramref name="buffer"/> as forms whole tokens; returns where the next call must start.</summary>
    /// <exception cref="DataSetInvalidDataException">The body is malformed or a value does not fit its column.</exception>
    internal SequencePosition Feed(ReadOnlySequence<byte> buffer, bool isFinal)
    {
        var reader = new Utf8JsonReader(buffer, isFinal, _state);
        try
        {
            Parse(ref reader, buffer);
        }
        catch (JsonException ex)
        {
            throw new DataSetInvalidDataException($"The body is not valid JSON (at record {_row}).", _row, innerException: ex);
        }

        _state = reader.CurrentState;
        if (isFinal && _stage != Stage.Done)
        {
            throw new DataSetInvalidDataException($"The body ends inside the array (at record {_row}).", _row);
        }

        return buffer.GetPosition(reader.BytesConsumed);
    }

    /// <summary>Cuts the last batch and hands every batch over to the caller (who disposes them).</summary>
    internal List<RecordBatch> TakeBatches()
    {
        if (_rows.Length > 0)
        {
            CutBatch();
        }

        var batches = new List<RecordBatch>(_batches);
        _batches.Clear();
        return batches;
    }

    /// <summary>Moves the batches cut so far (full ones; not the rows still being filled) into <paramref name="into"/>; the caller disposes them.</summary>
    internal void TakeFullBatches(List<RecordBatch> into)
    {
        into.AddRange(_batches);
        _batches.Clear();
    }

    public void Dispose()
    {
        foreach (var batch in _batches)
        {
            batch.Dispose();
        }

        _batches.Clear();
        foreach (var builder in _builders)
        {
            builder.Dispose();
        }

        _rows.Dispose();
        _input?.Dispose();
        _input = null;
    }

    private void Parse(ref Utf8JsonReader reader, ReadOnlySequence<byte> buffer)
    {
        while (_stage != Stage.Done)
        {
            if (_stage == Stage.Value && _definition.Columns[_column].Type.Kind == DataSetTypeKind.Json)
            {
                // A JSON value is stored whole, so it is taken only once all of it has arrived.
                var checkpoint = reader;
                if (!reader.Read())
                {
                    return;
                }

                var start = reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    reader = checkpoint;
                    return;
                }

                WriteJson(buffer.Slice(start, reader.BytesConsumed - start), reader.TokenType == JsonTokenType.Null);
                _stage = Stage.InRecord;
                continue;
            }

            if (!reader.Read())
            {
                return;
            }

            switch (_stage)
            {
                case Stage.BeforeArray:
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new DataSetInvalidDataException("The body must be a JSON array of records.");
                    }

                    _stage = Stage.BetweenRecords;
                    break;
                case Stage.BetweenRecords:
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _stage = Stage.Done;
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (_row >= _maxRows)
                        {
                            throw new DataSetInvalidDataException($"A bulk insert takes at most {_maxRows} records.", _row);
                        }

                        Array.Clear(_seen);
                        _lastColumn = -1;
                        _stage = Stage.InRecord;
                    }
                    else
                    {
                        throw new DataSetInvalidDataException($"Record {_row} is not a JSON object.", _row);
                    }

                    break;
                case Stage.InRecord:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        EndRecord();
                        _stage = Stage.BetweenRecords;
                    }
                    else
                    {
                        _column = FindColumn(ref reader);
                        _stage = Stage.Value;
                    }

                    break;
                case Stage.Value:
                    WriteValue(ref reader, _column);
                    _stage = Stage.InRecord;
                    break;
            }
        }
    }

    private int FindColumn(ref Utf8JsonReader reader)
    {
        Span<byte> scratch = stackalloc byte[256];
        var name = scratch;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return MarkSeen(reader.ValueSpan);
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > scratch.Length)
        {
            throw UnknownColumn([]);
        }

        return MarkSeen(name[..reader.CopyString(scratch)]);
    }

    private int MarkSeen(ReadOnlySpan<byte> name)
    {
        // Records usually list their fields in the declared order: try the next column first.
        var guess = _lastColumn + 1;
        var index = guess < _names.Length && name.SequenceEqual(_names[guess]) ? guess : Search(name);
        if (index < 0)
        {
            throw UnknownColumn(name);
        }

        ref var word = ref _seen[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) != 0)
        {
            throw new DataSetInvalidDataException($"Record {_row} has the field '{_definition.Columns[index].Name}' twice.", _row, _definition.Columns[index].Name);
        }

        word |= bit;
        _lastColumn = index;
        return index;
    }

    private DataSetInvalidDataException UnknownColumn(ReadOnlySpan<byte> name)
    {
        var text = System.Text.Encoding.UTF8.GetString(name);
        return new DataSetInvalidDataException(
            $"Record {_row} has a field that is not a column of '{_definition.Name}': '{DataSetIdentifiers.ForMessage(text)}'.", _row);
    }

    private int Search(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (name.SequenceEqual(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void EndRecord()
    {
        for (var i = 0; i < _builders.Length; i++)
        {
            if ((_seen[i >> 6] & (1UL << (i & 63))) == 0)
            {
                if (!_definition.Columns[i].Nullable)
                {
                    throw new DataSetInvalidDataException($"Record {_row} lacks the required field '{_definition.Columns[i].Name}'.", _row, _definition.Columns[i].Name);
                }

                _builders[i].AppendNull();
            }
        }

        _rows.Append(_row);
        _row++;
        if (_rows.Length >= _batchRows)
        {
            CutBatch();
        }
    }

    private void CutBatch()
    {
        var arrays = new ArrowArray[_builders.Length + 1];
        for (var i = 0; i < _builders.Length; i++)
        {
            arrays[i] = _builders[i].BuildArray();
        }

        var length = _rows.Length;
        arrays[^1] = _rows.Build();
        _batches.Add(new RecordBatch(Schema, arrays, length));
    }

    private DataSetInvalidDataException WrongType(int column, string expected)
    {
        var name = _definition.Columns[column].Name;
        return new DataSetInvalidDataException($"Record {_row}: the field '{name}' must be {expected}.", _row, name);
    }
}
