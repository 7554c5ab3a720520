using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// One registered Arrow table: its batches, cut into windows of at most one DuckDB vector (2,048 rows), and
/// for every column of every batch the native array of buffer pointers DuckDB reads from. Counted
/// references (the registration, and each plan DuckDB bound against it) keep the batches alive; the last one
/// disposes them, so no scan ever reads freed memory.
/// </summary>
internal sealed unsafe class ArrowTableEntry
{
    private readonly RecordBatch[] _batches;
    private readonly void** _buffers;
    private readonly int _columns;
    private readonly bool _ownsBatches;
    private int _references = 1;

    internal ArrowTableEntry(string name, Schema schema, RecordBatch[] batches, int windowRows, bool ownsBatches = true)
    {
        _ownsBatches = ownsBatches;
        Name = name;
        Schema = schema;
        _batches = batches;
        _columns = schema.Fields.Count;
        var windows = new List<Window>();
        long rows = 0;
        for (var b = 0; b < batches.Length; b++)
        {
            for (var start = 0; start < batches[b].Length; start += windowRows)
            {
                windows.Add(new Window(b, start, Math.Min(windowRows, batches[b].Length - start)));
            }

            rows += batches[b].Length;
        }

        Windows = [.. windows];
        RowCount = rows;

        // Three pointers per column per batch: validity (null when there are no nulls), then values or offsets and data.
        _buffers = (void**)NativeMemory.AllocZeroed((nuint)Math.Max(1, batches.Length * _columns * 3 * sizeof(void*)));
        for (var b = 0; b < batches.Length; b++)
        {
            for (var c = 0; c < _columns; c++)
            {
                var column = batches[b].Column(c);
                var buffers = column.Buffers;
                var target = Buffers(b, c);
                for (var i = 0; i < buffers.Length && i < 3; i++)
                {
                    target[i] = i == 0 && column.NullCount == 0 ? null : buffers[i].Pointer;
                }
            }
        }
    }

    internal readonly record struct Window(int Batch, int Start, int Count);

    internal string Name { get; }

    internal Schema Schema { get; }

    internal Window[] Windows { get; }

    internal long RowCount { get; }

    /// <summary>The DuckDB type of each column, as DuckDB itself maps the Arrow type (read from a converted chunk).</summary>
    internal SafeLogicalTypeHandle[] DuckDbTypes { get; set; } = [];

    internal RecordBatch Batch(int index) => _batches[index];

    internal void** Buffers(int batch, int column) => _buffers + (((batch * _columns) + column) * 3);

    /// <summary>Takes a reference; false once the entry is gone.</summary>
    internal bool TryAddReference()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        if (_ownsBatches)
        {
            foreach (var batch in _batches)
            {
                batch.Dispose();
            }
        }

        foreach (var type in DuckDbTypes)
        {
            type.Dispose();
        }

        NativeMemory.Free(_buffers);
    }
}
