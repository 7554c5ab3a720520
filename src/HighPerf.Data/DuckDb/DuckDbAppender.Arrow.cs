using HighPerf.Data.Arrow;
using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

public sealed partial class DuckDbAppender
{
    /// <summary>
    /// Appends every row of an Arrow record batch whose columns match the table's, in order: integers into the
    /// same or a wider integer column, float32/float64 into FLOAT/DOUBLE, utf8 into VARCHAR/JSON, binary into
    /// BLOB, date32 into DATE, timestamps into TIMESTAMP/TIMESTAMPTZ (any unit; a time zone only says how the
    /// instant is shown), decimal128 into a DECIMAL of the same scale (values checked against its width),
    /// null into anything. Values are copied straight from the Arrow buffers into DuckDB's vectors, 2,048
    /// rows at a time. A batch of at least 32,768 rows whose columns DuckDB reads exactly as this would
    /// is handed to DuckDB's own parallel insert instead, read in place, still in order and in the same transaction.
    /// The batch stays the caller's.
    /// </summary>
    /// <param name="batch">The rows.</param>
    /// <exception cref="InvalidCastException">A column's type does not fit the table's (the appender fails).</exception>
    /// <exception cref="OverflowException">A decimal does not fit the column's width (the appender fails).</exception>
    public void Append(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var chunk = Chunk;
        if (_column != 0)
        {
            throw new InvalidOperationException("A row is half written; end it before appending a batch.");
        }

        if (batch.ColumnCount != _columns.Length)
        {
            Fail();
            throw new InvalidCastException($"The batch has {batch.ColumnCount} columns but the table has {_columns.Length}.");
        }

        Span<ArrowColumnCopy.Kind> plans = stackalloc ArrowColumnCopy.Kind[_columns.Length];
        try
        {
            for (var c = 0; c < plans.Length; c++)
            {
                plans[c] = ArrowColumnCopy.Plan(batch.Column(c).Type, _columns[c], c);
            }

            if (chunk.Count > 0)
            {
                Flush(chunk);
            }

            if (batch.Length >= ScanRows && AllScan(batch, plans))
            {
                InsertScanned(batch, plans);
                _rows += batch.Length;
                return;
            }

            var length = batch.Length;
            for (var start = 0; start < length; start += chunk.Capacity)
            {
                var count = Math.Min(chunk.Capacity, length - start);
                for (var c = 0; c < plans.Length; c++)
                {
                    ArrowColumnCopy.Write(plans[c], batch.Column(c), _columns[c], chunk, c, start, count);
                }

                chunk.Count = count;
                Flush(chunk);
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException)
        {
            Fail();
            throw;
        }

        _rows += batch.Length;
    }

    /// <summary>
    /// The fewest rows a batch needs for DuckDB's own insert: below it, the view and statement it takes (a few hundred
    /// microseconds) cost more than the copy they save.
    /// </summary>
    private const int ScanRows = 32 * 1024;

    private bool AllScan(RecordBatch batch, ReadOnlySpan<ArrowColumnCopy.Kind> plans)
    {
        for (var c = 0; c < plans.Length; c++)
        {
            if (!ArrowColumnCopy.Scans(plans[c], batch.Column(c).Type, _columns[c]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the appender has buffered goes in first, then the batch, through <see cref="ArrowStreamInsert"/> in the appender's transaction.</summary>
    private void InsertScanned(RecordBatch batch, ReadOnlySpan<ArrowColumnCopy.Kind> plans)
    {
        Span<bool> json = stackalloc bool[plans.Length];
        for (var c = 0; c < plans.Length; c++)
        {
            ArrowColumnCopy.CheckScanned(plans[c], batch.Column(c), _columns[c]);
            json[c] = plans[c] == ArrowColumnCopy.Kind.Text && ArrowColumnCopy.IsJson(_columns[c]);
        }

        try
        {
            if (NativeMethods.AppenderFlush(_appender!) != DuckDbState.Success)
            {
                Errors.ThrowAppender(_appender!, "DuckDB could not write the appended rows.");
            }

            ArrowStreamInsert.Run(_connectionHandle, _target, ArrowStreamInsert.Positional(batch.Schema, json), [batch], CancellationToken.None);
        }
        catch
        {
            Fail();
            throw;
        }
    }
}
