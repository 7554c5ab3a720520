using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Postgres;

/// <summary>
/// Parses PostgreSQL's binary COPY format (header <c>PGCOPY\n\377\r\n\0</c>, int32 flags, int32 extension length
/// and extension; per tuple an int16 field count, per field an int32 length, -1 for null, and the bytes; an int16
/// -1 trailer) straight into the columns' builders. Resumable at field boundaries: <see cref="Parse"/> takes what
/// has arrived, consumes whole fields and says how many bytes it needs to go on.
/// </summary>
internal sealed class CopyBinaryParser : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private readonly ColumnDecoder[] _decoders;
    private readonly int _batchRows;
    private bool _headerRead;
    private int _field;
    private int _rows;
    private long _rowsBefore;

    public CopyBinaryParser(Schema schema, ColumnDecoder[] decoders, int batchRows)
    {
        Schema = schema;
        _decoders = decoders;
        _batchRows = batchRows;
        _field = decoders.Length;
    }

    public Schema Schema { get; }

    /// <summary>Whether the trailer was read.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Whether the current batch holds <c>batchRows</c> rows and must be taken before parsing goes on.</summary>
    public bool IsBatchFull => _rows >= _batchRows;

    /// <summary>Rows in the batch being filled.</summary>
    public int PendingRows => _rows;

    /// <summary>After <see cref="Parse"/> stopped short: the bytes the next field (or tuple header) needs in one piece.</summary>
    public int BytesNeeded { get; private set; }

    /// <summary>Consumes whole fields from <paramref name="data"/>; stops at its end, at a full batch or at the trailer.</summary>
    /// <returns>The bytes consumed.</returns>
    public int Parse(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        BytesNeeded = 0;
        if (!_headerRead)
        {
            if (!TryReadHeader(data, ref pos))
            {
                return 0;
            }
        }

        var decoders = _decoders;
        var field = _field;
        try
        {
            while (true)
            {
                if (field == decoders.Length)
                {
                    if (_rows >= _batchRows)
                    {
                        break;
                    }

                    if (data.Length - pos < 2)
                    {
                        BytesNeeded = 2;
                        break;
                    }

                    var count = BinaryPrimitives.ReadInt16BigEndian(data[pos..]);
                    pos += 2;
                    if (count == -1)
                    {
                        IsComplete = true;
                        break;
                    }

                    if (count != decoders.Length)
                    {
                        ThrowProtocol(string.Create(CultureInfo.InvariantCulture, $"a tuple has {count} fields but the query has {decoders.Length} columns"));
                    }

                    if (count == 0)
                    {
                        _rows++;
                        continue;
                    }

                    field = 0;
                }

                if (data.Length - pos < 4)
                {
                    BytesNeeded = 4;
                    break;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(data[pos..]);
                if (length < 0)
                {
                    if (length != -1)
                    {
                        ThrowProtocol("a field has a negative length");
                    }

                    decoders[field].AppendNull();
                    pos += 4;
                }
                else
                {
                    if (data.Length - pos - 4 < length)
                    {
                        BytesNeeded = 4 + length;
                        break;
                    }

                    decoders[field].Append(data.Slice(pos + 4, length));
                    pos += 4 + length;
                }

                if (++field == decoders.Length)
                {
                    _rows++;
                }
            }
        }
        catch (PgValueException ex)
        {
            throw new PostgresArrowException(
                PostgresArrowErrorKind.InvalidValue,
                string.Create(CultureInfo.InvariantCulture, $"Row {_rowsBefore + _rows}: {ex.Message}"),
                rowIndex: _rowsBefore + _rows,
                columnName: ex.Column,
                innerException: ex);
        }
        finally
        {
            _field = field;
        }

        return pos;
    }

    /// <summary>The rows parsed since the last call as a batch (the caller owns it).</summary>
    public RecordBatch TakeBatch()
    {
        var arrays = new ArrowArray[_decoders.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = _decoders[i].Builder.BuildArray();
        }

        var batch = new RecordBatch(Schema, arrays, _rows);
        _rowsBefore += _rows;
        _rows = 0;
        return batch;
    }

    public void Dispose()
    {
        foreach (var decoder in _decoders)
        {
            decoder.Dispose();
        }
    }

    [DoesNotReturn]
    private static void ThrowProtocol(string problem) =>
        throw new PostgresArrowException(PostgresArrowErrorKind.Protocol, $"The binary COPY stream is malformed: {problem}.");

    private bool TryReadHeader(ReadOnlySpan<byte> data, ref int pos)
    {
        const int fixedLength = 11 + 4 + 4;
        if (data.Length < fixedLength)
        {
            BytesNeeded = fixedLength;
            return false;
        }

        if (!data[..11].SequenceEqual(Signature))
        {
            ThrowProtocol("the signature is missing");
        }

        var flags = BinaryPrimitives.ReadInt32BigEndian(data[11..]);
        if ((flags & 0x10000) != 0)
        {
            ThrowProtocol("it carries OIDs");
        }

        var extension = BinaryPrimitives.ReadInt32BigEndian(data[15..]);
        if (extension < 0)
        {
            ThrowProtocol("the header extension length is negative");
        }

        if (data.Length < fixedLength + extension)
        {
            BytesNeeded = fixedLength + extension;
            return false;
        }

        pos = fixedLength + extension;
        _headerRead = true;
        return true;
    }
}
