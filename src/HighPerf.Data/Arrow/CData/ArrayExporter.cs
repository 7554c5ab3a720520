using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// Fills <see cref="CArrowArray"/> structures that point straight at the arrays' native buffers (no copy).
/// Each node takes one share of every memory block it points into, held through <c>private_data</c> (a
/// GC handle to the owners), and gives them back in its own release callback; so the .NET arrays may be
/// disposed while the consumer still reads, and a moved child keeps its buffers alive by itself.
/// </summary>
internal static unsafe class ArrayExporter
{
    public static void ExportArray(ArrowArray array, CArrowArray* destination)
    {
        ObjectDisposedException.ThrowIf(array.IsDisposed, array);
        var buffers = array.Buffers;
        var bufferCount = array.Type.Id == ArrowTypeId.Null ? 0 : buffers.Length;
        Allocate(bufferCount, childCount: 0, out var bufferPointers, out _);

        var owners = new ArrowMemory?[bufferCount];
        for (var i = 0; i < bufferCount; i++)
        {
            var buffer = buffers[i];

            // The validity pointer may be null only when there are no nulls; no other buffer is ever null.
            bufferPointers[i] = i == 0 && array.NullCount == 0 ? null : buffer.Pointer;
            if (bufferPointers[i] != null && buffer.Owner is { } owner)
            {
                owner.Share();
                owners[i] = owner;
            }
        }

        *destination = new CArrowArray
        {
            Length = array.Length,
            NullCount = array.NullCount,
            Offset = 0,
            NBuffers = bufferCount,
            NChildren = 0,
            Buffers = bufferPointers,
            Children = null,
            Dictionary = null,
            Release = &Release,
            PrivateData = (void*)GCHandle.ToIntPtr(GCHandle.Alloc(owners)),
        };
        ExportCounters.ArrayExported();
    }

    /// <summary>
    /// Narrows an exported record batch to its rows <paramref name="start"/> to <paramref name="start"/> +
    /// <paramref name="count"/>: each column's offset moves and its buffers stay whole, so the window is read in place.
    /// A column's null count becomes unknown (-1) unless it had none.
    /// </summary>
    public static void Narrow(CArrowArray* batch, long start, long count)
    {
        batch->Length = count;
        for (var i = 0; i < batch->NChildren; i++)
        {
            var column = batch->Children[i];
            column->Offset += start;
            column->Length = count;
            if (column->NullCount != 0)
            {
                column->NullCount = -1;
            }
        }
    }

    public static void ExportRecordBatch(RecordBatch batch, CArrowArray* destination)
    {
        var columns = batch.ColumnSpan;
        foreach (var column in columns)
        {
            ObjectDisposedException.ThrowIf(column.IsDisposed, column);
        }

        // A record batch is a struct array without nulls: one (null) validity buffer, one child per column.
        Allocate(bufferCount: 1, columns.Length, out var bufferPointers, out var children);
        bufferPointers[0] = null;
        for (var i = 0; i < columns.Length; i++)
        {
            ExportArray(columns[i], children[i]);
        }

        *destination = new CArrowArray
        {
            Length = batch.Length,
            NullCount = 0,
            Offset = 0,
            NBuffers = 1,
            NChildren = columns.Length,
            Buffers = bufferPointers,
            Children = children,
            Dictionary = null,
            Release = &Release,
            PrivateData = null,
        };
        ExportCounters.ArrayExported();
    }

    /// <summary>One native block: the buffer pointers, the child pointers, then the child structures.</summary>
    private static void Allocate(int bufferCount, int childCount, out void** buffers, out CArrowArray** children)
    {
        var pointerBytes = (bufferCount + childCount) * sizeof(void*);
        var block = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(1, pointerBytes + (childCount * sizeof(CArrowArray))));
        buffers = (void**)block;
        children = (CArrowArray**)(block + (bufferCount * sizeof(void*)));
        var structs = (CArrowArray*)(block + pointerBytes);
        for (var i = 0; i < childCount; i++)
        {
            children[i] = structs + i;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(CArrowArray* array)
    {
        if (array == null || array->Release == null)
        {
            return;
        }

        for (long i = 0; i < array->NChildren; i++)
        {
            // A child the consumer moved out is marked released here and lives on by itself.
            var child = array->Children[i];
            if (child->Release != null)
            {
                child->Release(child);
            }
        }

        if (array->PrivateData != null)
        {
            var handle = GCHandle.FromIntPtr((nint)array->PrivateData);
            foreach (var owner in (ArrowMemory?[])handle.Target!)
            {
                owner?.Unshare();
            }

            handle.Free();
        }

        // The block starts with the buffer pointers (and holds the children's structures).
        NativeMemory.Free(array->Buffers);
        array->Buffers = null;
        array->Children = null;
        array->PrivateData = null;
        array->Release = null;
        ExportCounters.ArrayReleased();
    }
}
