using System.Runtime.InteropServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// Wraps imported <see cref="CArrowArray"/> structures as arrays without copying. A record batch's children
/// are moved out of the parent (as the interface allows), so every column owns its producer memory on its
/// own and releases it when it is disposed; the parent is released at once. Arrays with a non-zero offset
/// are the one case that is copied (into fresh aligned buffers), and their producer memory is released
/// right away.
/// </summary>
internal static unsafe class ArrayImporter
{
    public static RecordBatch ImportRecordBatch(CArrowArray* array, Schema schema)
    {
        CheckLive(array);
        var columns = new ArrowArray[schema.Fields.Count];
        var built = 0;
        try
        {
            if (array->NChildren != columns.Length || (array->NChildren > 0 && array->Children == null))
            {
                ArrowFormatException.Throw(ArrowErrorKind.SchemaMismatch, $"Arrow: the imported record batch has {array->NChildren} columns but its schema has {columns.Length}.");
            }

            if (array->NullCount > 0)
            {
                ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, "Arrow: the imported struct array has null rows, which a record batch cannot hold.");
            }

            var length = CheckLength(array->Length);
            CheckOffset(array->Offset);
            for (; built < columns.Length; built++)
            {
                columns[built] = Import(array->Children[built], schema.Fields[built].Type, array->Offset, length);
            }

            return new RecordBatch(schema, columns, length);
        }
        catch
        {
            for (var i = 0; i < built; i++)
            {
                columns[i].Dispose();
            }

            throw;
        }
        finally
        {
            // The children that were moved out are marked released, so this frees only the parent's own parts.
            CArrowArray.Free(array);
        }
    }

    public static ArrowArray ImportArray(CArrowArray* array, ArrowType type)
    {
        CheckLive(array);
        try
        {
            return Import(array, type, parentOffset: 0, CheckLength(array->Length));
        }
        finally
        {
            CArrowArray.Free(array);
        }
    }

    private static ArrowArray Import(CArrowArray* source, ArrowType type, long parentOffset, int length)
    {
        CheckLive(source);
        var expected = ArrowArrayFactory.BufferCount(type);
        if (source->NBuffers != expected)
        {
            ArrowFormatException.ThrowInvalid($"an imported {type} array has {source->NBuffers} buffers instead of {expected}.");
        }

        if (source->NChildren != 0 || source->Dictionary != null)
        {
            ArrowFormatException.ThrowInvalid($"an imported {type} array has children or a dictionary.");
        }

        if (expected > 0 && source->Buffers == null)
        {
            ArrowFormatException.ThrowInvalid($"an imported {type} array has no buffer pointers.");
        }

        CheckOffset(source->Offset);
        var offset = checked(source->Offset + parentOffset);
        if (parentOffset + length > source->Length)
        {
            ArrowFormatException.ThrowInvalid($"an imported {type} array of {source->Length} values is shorter than its parent's {parentOffset} + {length}.");
        }

        var owner = new ImportedArrayMemory(source);
        try
        {
            if (type.Id == ArrowTypeId.Null)
            {
                return new NullArray(length);
            }

            var moved = owner.Array;
            var validity = (byte*)moved->Buffers[0];
            var nullCount = CountNulls(moved, validity, offset, length);
            var buffers = new ArrowBuffer[3];
            if (offset == 0)
            {
                Wrap(owner, type, moved, nullCount > 0 ? validity : null, length, buffers);
            }
            else
            {
                Copy(type, moved, nullCount > 0 ? validity : null, offset, length, buffers);
            }

            return ArrowArrayFactory.Create(type, length, nullCount, buffers.AsSpan(0, expected));
        }
        finally
        {
            // The arrays hold their own shares; this gives back the importer's (and releases a copied array's producer memory now).
            owner.Unshare();
        }
    }

    private static int CountNulls(CArrowArray* array, byte* validity, long offset, int length)
    {
        if (validity == null)
        {
            if (array->NullCount > 0)
            {
                ArrowFormatException.ThrowInvalid("an imported array has nulls but no validity bitmap.");
            }

            return 0;
        }

        // The producer's count covers its whole array; recount when we take a window of it or it did not count.
        var whole = offset == 0 && length == array->Length;
        return whole && array->NullCount >= 0 ? (int)array->NullCount : length - BitUtility.CountSet(validity, offset, length);
    }

    private static void Wrap(ImportedArrayMemory owner, ArrowType type, CArrowArray* array, byte* validity, int length, Span<ArrowBuffer> buffers)
    {
        buffers[0] = Shared(owner, validity, BitUtility.BytesFor(length));
        switch (type.Id)
        {
            case ArrowTypeId.Boolean:
                buffers[1] = Shared(owner, (byte*)array->Buffers[1], BitUtility.BytesFor(length));
                break;
            case ArrowTypeId.Utf8 or ArrowTypeId.Binary:
                var offsets = (int*)array->Buffers[1];
                if (offsets == null && length > 0)
                {
                    ArrowFormatException.ThrowInvalid($"an imported {type} array has no offsets buffer.");
                }

                var dataLength = offsets == null ? 0 : offsets[length];
                if (dataLength < 0)
                {
                    ArrowFormatException.ThrowInvalid($"an imported {type} array has a negative offset.");
                }

                buffers[1] = Shared(owner, (byte*)offsets, (length + 1) * sizeof(int));
                buffers[2] = Shared(owner, (byte*)array->Buffers[2], dataLength);
                break;
            default:
                buffers[1] = Shared(owner, (byte*)array->Buffers[1], checked(length * (type.BitWidth / 8)));
                break;
        }
    }

    private static ArrowBuffer Shared(ImportedArrayMemory owner, byte* pointer, int length)
    {
        if (pointer == null)
        {
            return ArrowBuffer.Zeros;
        }

        owner.Share();
        return new ArrowBuffer(owner, pointer, length);
    }

    private static void Copy(ArrowType type, CArrowArray* array, byte* validity, long offset, int length, Span<ArrowBuffer> buffers)
    {
        buffers[0] = validity == null ? ArrowBuffer.None : CopyBitmap(validity, offset, length);
        switch (type.Id)
        {
            case ArrowTypeId.Boolean:
                buffers[1] = CopyBitmap((byte*)array->Buffers[1], offset, length);
                break;
            case ArrowTypeId.Utf8 or ArrowTypeId.Binary:
                var offsets = (int*)array->Buffers[1] + offset;
                var first = offsets[0];
                var dataLength = offsets[length] - first;
                if (first < 0 || dataLength < 0)
                {
                    ArrowFormatException.ThrowInvalid($"an imported {type} array has decreasing or negative offsets.");
                }

                var rebased = new AlignedMemory((nuint)((length + 1) * sizeof(int)));
                var target = (int*)rebased.Pointer;
                for (var i = 0; i <= length; i++)
                {
                    target[i] = offsets[i] - first;
                }

                buffers[1] = new ArrowBuffer(rebased, rebased.Pointer, (length + 1) * sizeof(int));
                buffers[2] = CopyBytes((byte*)array->Buffers[2] + first, dataLength);
                break;
            default:
                var width = type.BitWidth / 8;
                buffers[1] = CopyBytes((byte*)array->Buffers[1] + (offset * width), checked(length * width));
                break;
        }
    }

    private static ArrowBuffer CopyBitmap(byte* source, long offset, int length)
    {
        var bytes = BitUtility.BytesFor(length);
        var memory = new AlignedMemory((nuint)bytes);
        BitUtility.CopyBits(source, offset, memory.Pointer, length);
        return new ArrowBuffer(memory, memory.Pointer, bytes);
    }

    private static ArrowBuffer CopyBytes(byte* source, int length)
    {
        if (length == 0)
        {
            return ArrowBuffer.Zeros;
        }

        var memory = new AlignedMemory((nuint)length);
        Buffer.MemoryCopy(source, memory.Pointer, length, length);
        return new ArrowBuffer(memory, memory.Pointer, length);
    }

    private static void CheckLive(CArrowArray* array)
    {
        if (array == null)
        {
            throw new ArgumentNullException(nameof(array));
        }

        if (array->Release == null)
        {
            ArrowFormatException.ThrowInvalid("the array structure has already been released.");
        }
    }

    private static int CheckLength(long length)
    {
        if (length is < 0 or > int.MaxValue)
        {
            ArrowFormatException.Throw(ArrowErrorKind.LimitExceeded, $"Arrow: an imported array of {length} values is outside 0 to {int.MaxValue}.");
        }

        return (int)length;
    }

    private static void CheckOffset(long offset)
    {
        if (offset < 0)
        {
            ArrowFormatException.ThrowInvalid($"an imported array has the negative offset {offset}.");
        }
    }
}
