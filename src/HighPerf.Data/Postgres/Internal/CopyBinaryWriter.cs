using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Postgres;

/// <summary>
/// Encodes Arrow batches row by row into a pooled buffer in the binary COPY format and writes it to the COPY
/// stream whenever it fills. A row that does not fit is written again after the flush; a row larger than the
/// buffer grows it.
/// </summary>
internal sealed class CopyBinaryWriter : IDisposable
{
    private const int InitialBufferSize = 256 * 1024;

    /// <summary>The signature, then flags 0 (no OIDs) and an empty header extension.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly Stream _stream;
    private readonly IReadOnlyList<string> _columns;
    private readonly uint[] _oids;
    private readonly ColumnEncoder[] _encoders;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _position;

    public CopyBinaryWriter(Stream stream, IReadOnlyList<string> columns, uint[] oids)
    {
        _stream = stream;
        _columns = columns;
        _oids = oids;
        _encoders = new ColumnEncoder[oids.Length];
        Header.CopyTo(_buffer);
        _position = Header.Length;
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes the first <c>columns.Count</c> columns of every row of <paramref name="batch"/>.</summary>
    public async ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        Bind(batch);
        var row = 0;
        while (row < batch.Length)
        {
            row = EncodeRows(batch.Length, row, out var stuck);
            if (stuck)
            {
                if (_position == 0)
                {
                    // Even an empty buffer cannot hold this row: make it twice as large and try again.
                    Grow();
                }
                else
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        Array.Clear(_encoders);
    }

    /// <summary>Writes the trailer and everything still buffered.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length - _position < 2)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), -1);
        _position += 2;
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken).ConfigureAwait(false);
        _position = 0;
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Bind(RecordBatch batch)
    {
        if (batch.ColumnCount < _encoders.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A batch has {batch.ColumnCount} columns but {_encoders.Length} target columns were named."), nameof(batch));
        }

        for (var i = 0; i < _encoders.Length; i++)
        {
            var column = batch.Column(i);
            if (!DataSets.DataSetTypeMap.PostgresAccepts(column.Type, _oids[i]))
            {
                throw new PostgresArrowException(
                    PostgresArrowErrorKind.UnsupportedType,
                    $"Column '{_columns[i]}': Arrow {column.Type} cannot be written into a PostgreSQL column of type OID {_oids[i]}.",
                    columnName: _columns[i]);
            }

            _encoders[i] = ColumnEncoder.Create(_columns[i], column, _oids[i]);
        }
    }

    /// <summary>Encodes rows from <paramref name="row"/> until the batch ends or one does not fit; returns the next row to encode.</summary>
    private int EncodeRows(int length, int row, out bool stuck)
    {
        var buffer = _buffer.AsSpan();
        var encoders = _encoders;
        var count = encoders.Length;
        stuck = false;
        try
        {
            for (; row < length; row++)
            {
                var pos = _position;
                if (buffer.Length - pos < 2)
                {
                    stuck = true;
                    break;
                }

                BinaryPrimitives.WriteInt16BigEndian(buffer[pos..], (short)count);
                pos += 2;
                var fitted = true;
                for (var i = 0; i < count; i++)
                {
                    if (!encoders[i].TryWrite(row, buffer, ref pos))
                    {
                        fitted = false;
                        break;
                    }
                }

                if (!fitted)
                {
                    stuck = true;
                    break;
                }

                _position = pos;
                Rows++;
            }
        }
        catch (PgValueException ex)
        {
            throw new PostgresArrowException(
                PostgresArrowErrorKind.InvalidValue,
                string.Create(CultureInfo.InvariantCulture, $"Row {Rows}: {ex.Message} Nothing was stored."),
                rowIndex: Rows,
                columnName: ex.Column,
                innerException: ex);
        }

        return row;
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(checked(_buffer.Length * 2));
        _buffer.AsSpan(0, _position).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
