using System.Runtime.CompilerServices;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// A data chunk being filled in place: values are written straight into the vectors' memory, short
/// strings into their 16-byte entries, longer ones copied by DuckDB into the vector's string heap.
/// Holds at most <see cref="Capacity"/> rows (DuckDB's vector size).
/// </summary>
internal sealed unsafe class ChunkBuilder : IDisposable
{
    private readonly SafeDataChunkHandle _chunk;
    private readonly IntPtr _raw;
    private readonly IntPtr[] _vectors;
    private readonly IntPtr[] _data;
    private readonly IntPtr[] _validity;

    internal ChunkBuilder(SafeLogicalTypeHandle[] types)
    {
        var raw = stackalloc IntPtr[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            raw[i] = types[i].DangerousGetHandle();
        }

        _chunk = NativeMethods.CreateDataChunk(raw, (ulong)types.Length);
        GC.KeepAlive(types);
        if (_chunk.IsInvalid)
        {
            throw new DuckDbException(DuckDbErrorKind.InvalidInput, "DuckDB could not create a data chunk for these column types.");
        }

        _raw = _chunk.DangerousGetHandle();
        Capacity = checked((int)NativeMethods.VectorSize());
        _vectors = new IntPtr[types.Length];
        _data = new IntPtr[types.Length];
        _validity = new IntPtr[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            _vectors[i] = NativeMethods.DataChunkGetVector(_raw, (ulong)i);
        }

        Refresh();
    }

    /// <summary>The most rows the chunk holds.</summary>
    internal int Capacity { get; }

    /// <summary>Rows written so far.</summary>
    internal int Count { get; set; }

    internal IntPtr Raw => _raw;

    internal void* Data(int column) => (void*)_data[column];

    /// <summary>Marks a row NULL, making the validity mask writable the first time.</summary>
    internal void SetNull(int column, int row)
    {
        var validity = (ulong*)_validity[column];
        if (validity == null)
        {
            NativeMethods.VectorEnsureValidityWritable(_vectors[column]);
            validity = (ulong*)NativeMethods.VectorGetValidity(_vectors[column]);
            _validity[column] = (IntPtr)validity;
        }

        validity[row >> 6] &= ~(1UL << (row & 63));
    }

    /// <summary>The validity mask of a column for a whole-chunk copy, allocated (all valid) if needed.</summary>
    internal ulong* WritableValidity(int column)
    {
        var validity = (ulong*)_validity[column];
        if (validity == null)
        {
            NativeMethods.VectorEnsureValidityWritable(_vectors[column]);
            validity = (ulong*)NativeMethods.VectorGetValidity(_vectors[column]);
            _validity[column] = (IntPtr)validity;
        }

        return validity;
    }

    /// <summary>Writes a string entry: inline when it fits (the unused bytes zeroed, as DuckDB compares them), else through DuckDB's heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetString(int column, int row, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= DuckDbStringT.InlineLength)
        {
            var entry = (DuckDbStringT*)_data[column] + row;
            *(Int128*)entry = default;
            entry->Length = (uint)utf8.Length;
            utf8.CopyTo(new Span<byte>((byte*)entry + 4, DuckDbStringT.InlineLength));
            return;
        }

        fixed (byte* p = utf8)
        {
            NativeMethods.UnsafeVectorAssignStringElementLen(_vectors[column], (ulong)row, p, (ulong)utf8.Length);
        }
    }

    /// <summary>Sets the chunk's size to <see cref="Count"/> before it is handed to DuckDB.</summary>
    internal void Seal() => NativeMethods.DataChunkSetSize(_raw, (ulong)Count);

    /// <summary>Empties the chunk for the next rows; DuckDB hands out new data and validity pointers after a reset.</summary>
    internal void Reset()
    {
        NativeMethods.DataChunkReset(_raw);
        Count = 0;
        Refresh();
    }

    public void Dispose() => _chunk.Dispose();

    private void Refresh()
    {
        for (var i = 0; i < _vectors.Length; i++)
        {
            _data[i] = NativeMethods.VectorGetData(_vectors[i]);
            _validity[i] = NativeMethods.VectorGetValidity(_vectors[i]);
        }
    }
}
