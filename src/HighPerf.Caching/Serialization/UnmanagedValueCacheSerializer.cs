using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HighPerf.Caching.Serialization;

/// <summary>
/// A single value of a type holding no references (an <see cref="int"/>, a <see cref="Guid"/>, a
/// plain struct) as its raw bytes. Chosen only after checking <see cref="RuntimeHelpers.IsReferenceOrContainsReferences{T}"/>.
/// </summary>
internal sealed class UnmanagedValueCacheSerializer<T> : ICacheSerializer<T>
{
    internal static UnmanagedValueCacheSerializer<T> Instance { get; } = new();

    public void Serialize(T value, IBufferWriter<byte> destination)
    {
        var size = Unsafe.SizeOf<T>();
        var span = destination.GetSpan(size);
        Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(span), value);
        destination.Advance(size);
    }

    public T Deserialize(ReadOnlySequence<byte> source)
    {
        var size = Unsafe.SizeOf<T>();
        if (source.Length != size)
        {
            throw new InvalidDataException($"{source.Length} bytes are not one {typeof(T).Name} ({size} bytes).");
        }

        Span<byte> bytes = stackalloc byte[size];
        source.CopyTo(bytes);
        return Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(bytes));
    }
}
