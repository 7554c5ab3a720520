using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>
/// A producer written the way a C library writes one (plain native allocations, a release callback that
/// frees its own data and its children's), so that imports are tested against memory that is not ours.
/// It counts every release call, and fails loudly if a structure is released twice.
/// </summary>
internal static unsafe class ForeignProducer
{
    private static long s_releases;
    private static long s_doubleReleases;

    public static long Releases => Interlocked.Read(ref s_releases);

    public static long DoubleReleases => Interlocked.Read(ref s_doubleReleases);

    /// <summary>An int64 array with the given values (null entries become nulls), <paramref name="offset"/> unused leading slots, and a null count of -1 when asked.</summary>
    public static void Int64(CArrowArray* destination, long?[] values, int offset = 0, bool unknownNullCount = false)
    {
        var total = values.Length + offset;
        var validity = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(1, (total + 7) / 8));
        var data = (long*)NativeMemory.AllocZeroed((nuint)Math.Max(1, total * 8));
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var slot = i + offset;
            if (values[i] is { } v)
            {
                data[slot] = v;
                validity[slot >> 3] |= (byte)(1 << (slot & 7));
            }
            else
            {
                nulls++;
            }
        }

        var buffers = (void**)NativeMemory.Alloc(2, (nuint)sizeof(void*));
        buffers[0] = validity;
        buffers[1] = data;
        *destination = new CArrowArray
        {
            Length = values.Length,
            NullCount = unknownNullCount ? -1 : nulls,
            Offset = offset,
            NBuffers = 2,
            Buffers = buffers,
            Release = &ReleaseLeaf,
        };
    }

    /// <summary>A utf8 array.</summary>
    public static void Utf8(CArrowArray* destination, string?[] values)
    {
        var bytes = values.Select(v => v is null ? [] : System.Text.Encoding.UTF8.GetBytes(v)).ToArray();
        var offsets = (int*)NativeMemory.Alloc((nuint)(values.Length + 1), sizeof(int));
        var data = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, bytes.Sum(b => b.Length)));
        var validity = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(1, (values.Length + 7) / 8));
        offsets[0] = 0;
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            bytes[i].CopyTo(new Span<byte>(data + offsets[i], bytes[i].Length));
            offsets[i + 1] = offsets[i] + bytes[i].Length;
            if (values[i] is null)
            {
                nulls++;
            }
            else
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        var buffers = (void**)NativeMemory.Alloc(3, (nuint)sizeof(void*));
        buffers[0] = validity;
        buffers[1] = offsets;
        buffers[2] = data;
        *destination = new CArrowArray { Length = values.Length, NullCount = nulls, NBuffers = 3, Buffers = buffers, Release = &ReleaseLeaf };
    }

    /// <summary>A struct array (a record batch) over children filled by <paramref name="fillChildren"/>.</summary>
    public static void Struct(CArrowArray* destination, long length, int childCount, Action<IntPtr[]> fillChildren)
    {
        var children = (CArrowArray**)NativeMemory.Alloc((nuint)childCount, (nuint)sizeof(CArrowArray*));
        var pointers = new IntPtr[childCount];
        for (var i = 0; i < childCount; i++)
        {
            children[i] = (CArrowArray*)NativeMemory.AllocZeroed((nuint)sizeof(CArrowArray));
            pointers[i] = (IntPtr)children[i];
        }

        fillChildren(pointers);
        var buffers = (void**)NativeMemory.AllocZeroed(1, (nuint)sizeof(void*));
        *destination = new CArrowArray { Length = length, NBuffers = 1, NChildren = childCount, Buffers = buffers, Children = children, Release = &ReleaseStruct };
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseLeaf(CArrowArray* array)
    {
        if (array->Release == null)
        {
            Interlocked.Increment(ref s_doubleReleases);
            return;
        }

        for (var i = 0; i < array->NBuffers; i++)
        {
            NativeMemory.Free(array->Buffers[i]);
        }

        NativeMemory.Free(array->Buffers);
        array->Release = null;
        Interlocked.Increment(ref s_releases);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseStruct(CArrowArray* array)
    {
        if (array->Release == null)
        {
            Interlocked.Increment(ref s_doubleReleases);
            return;
        }

        for (var i = 0; i < array->NChildren; i++)
        {
            var child = array->Children[i];
            if (child->Release != null)
            {
                child->Release(child);
            }

            NativeMemory.Free(child);
        }

        NativeMemory.Free(array->Children);
        NativeMemory.Free(array->Buffers);
        array->Release = null;
        Interlocked.Increment(ref s_releases);
    }
}
