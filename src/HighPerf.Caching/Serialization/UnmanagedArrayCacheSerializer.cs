using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HighPerf.Caching.Serialization;

/// <summary>
/// Arrays of an unmanaged type as their raw bytes (the in-memory layout, little-endian on every
/// platform .NET runs on here): no encoding step, and no copy of our own in either direction.
/// </summary>
/// <typeparam name="TElement">The element type.</typeparam>
public sealed class UnmanagedArrayCacheSerializer<TElement> : ICacheSerializer<TElement[]>, IRawCacheSerializer<TElement[]>
    where TElement : unmanaged
{
    private UnmanagedArrayCacheSerializer()
    {
    }

    /// <summary>The one instance; it holds no state.</summary>
    public static UnmanagedArrayCacheSerializer<TElement> Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(TElement[] value, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    /// <inheritdoc />
    public unsafe TElement[] Deserialize(ReadOnlySequence<byte> source)
    {
        if (source.Length % sizeof(TElement) != 0)
        {
            throw new InvalidDataException($"{source.Length} bytes are not a whole number of {typeof(TElement).Name} ({sizeof(TElement)} bytes each).");
        }

        var value = GC.AllocateUninitializedArray<TElement>((int)(source.Length / sizeof(TElement)));
        source.CopyTo(MemoryMarshal.AsBytes(value.AsSpan()));
        return value;
    }

    ReadOnlyMemory<byte> IRawCacheSerializer<TElement[]>.AsBytes(TElement[] value) => new ArrayBytes(value).Memory;

    unsafe RawTarget<TElement[]>? IRawCacheSerializer<TElement[]>.CreateTarget(int byteLength) =>
        byteLength % sizeof(TElement) == 0 ? new ArrayTarget(GC.AllocateUninitializedArray<TElement>(byteLength / sizeof(TElement))) : null;

    private sealed class ArrayTarget(TElement[] array) : RawTarget<TElement[]>
    {
        private ArrayBytes? _memory;

        internal override Span<byte> Bytes => MemoryMarshal.AsBytes(array.AsSpan());

        // A byte array is its own memory; other element types need a manager to be seen as bytes.
        internal override Memory<byte> Memory => typeof(TElement) == typeof(byte)
            ? Unsafe.As<byte[]>(array).AsMemory()
            : (_memory ??= new ArrayBytes(array)).Memory;

        internal override TElement[] Value => array;
    }

    /// <summary>An array's memory seen as bytes, so L2 writes send it without copying it first.</summary>
    private sealed class ArrayBytes(TElement[] array) : MemoryManager<byte>
    {
        private GCHandle _pin;

        public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            if (!_pin.IsAllocated)
            {
                _pin = GCHandle.Alloc(array, GCHandleType.Pinned);
            }

            return new MemoryHandle((byte*)_pin.AddrOfPinnedObject() + elementIndex, default, this);
        }

        public override void Unpin()
        {
            if (_pin.IsAllocated)
            {
                _pin.Free();
            }
        }

        protected override void Dispose(bool disposing) => Unpin();
    }
}
