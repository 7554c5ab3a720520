using HighPerf.Data.Arrow;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data;

public sealed partial class DuckDbAppender
{
    /// <summary>
    /// Appends every row of an Arrow record batch whose columns match the table's, in order: integers into the
    /// same or a wider integer column, float32/float64 into FLOAT/DOUBLE, utf8 into VARCHAR/JSON, binary into
    /// BLOB, date32 into DATE, timestamps into TIMESTAMP/TIMESTAMPTZ (any unit; a time zone only says how the
    /// instant is shown), decimal128 into a DECIMAL of the same scale (values checked against its width),
    /// null into anything. Values are copied straight from the Arrow buffers into DuckDB's vectors, 2,048
    /// rows at a time. The batch stays the caller's.
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
}
