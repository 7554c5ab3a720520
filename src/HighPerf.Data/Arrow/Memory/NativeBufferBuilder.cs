using System.Runtime.CompilerServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// A growable byte buffer in 64-byte aligned native memory, kept as a mutable field of a builder.
/// <see cref="Build"/> hands the memory over to an array without a copy; the next batch then starts
/// with the same capacity, so a builder filled batch after batch allocates once per batch and never
/// regrows. <see cref="Clear"/> keeps the memory for reuse.
/// </summary>
internal unsafe struct NativeBufferBuilder
{
    private AlignedMemory? _memory;
    private byte* _pointer;
    private int _capacity;
    private int _length;
    private int _nextCapacity;

    public readonly int Length => _length;

    public readonly int Capacity => _capacity;

    public readonly byte* Pointer => _pointer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append<T>(T value)
        where T : unmanaged
    {
        if (_capacity - _length < sizeof(T))
        {
            Grow(sizeof(T));
        }

        Unsafe.WriteUnaligned(_pointer + _length, value);
        _length += sizeof(T);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_capacity - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(new Span<byte>(_pointer + _length, bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="count"/> more bytes at the end; commit what was written with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int count)
    {
        if (_capacity - _length < count)
        {
            Grow(count);
        }

        return new Span<byte>(_pointer + _length, _capacity - _length);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Makes the buffer at least <paramref name="bytes"/> long, filling the new bytes with <paramref name="fill"/>.</summary>
    public void Extend(int bytes, byte fill)
    {
        if (bytes <= _length)
        {
            return;
        }

        EnsureCapacity(bytes);
        new Span<byte>(_pointer + _length, bytes - _length).Fill(fill);
        _length = bytes;
    }

    public void EnsureCapacity(int bytes)
    {
        if (bytes > _capacity)
        {
            Grow(bytes - _length);
        }
    }

    public readonly ref T At<T>(int byteOffset)
        where T : unmanaged => ref Unsafe.AsRef<T>(_pointer + byteOffset);

    /// <summary>Forgets the contents but keeps the memory.</summary>
    public void Clear() => _length = 0;

    /// <summary>Hands the bytes written over as a buffer (the memory's only share goes with it) and starts afresh.</summary>
    public ArrowBuffer Build()
    {
        if (_memory is null)
        {
            return ArrowBuffer.Zeros;
        }

        // The padding up to the next 64-byte boundary is zeroed so the buffer never ends in stale bytes.
        var padded = (int)Math.Min((long)AlignedMemory.RoundUp((nuint)_length), _capacity);
        new Span<byte>(_pointer + _length, padded - _length).Clear();
        var built = new ArrowBuffer(_memory, _pointer, _length);
        _nextCapacity = _capacity;
        _memory = null;
        _pointer = null;
        _capacity = 0;
        _length = 0;
        return built;
    }

    public void Dispose()
    {
        _memory?.Unshare();
        _memory = null;
        _pointer = null;
        _capacity = 0;
        _length = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var required = (long)_length + needed;
        if (required > int.MaxValue - AlignedMemory.Alignment)
        {
            throw new OutOfMemoryException("An Arrow buffer cannot exceed 2 GiB.");
        }

        var capacity = Math.Max(required, Math.Max(_capacity * 2L, Math.Max(_nextCapacity, AlignedMemory.Alignment)));
        capacity = Math.Min(capacity, int.MaxValue - AlignedMemory.Alignment);
        var memory = new AlignedMemory((nuint)capacity);
        if (_length > 0)
        {
            Buffer.MemoryCopy(_pointer, memory.Pointer, (long)memory.Capacity, _length);
        }

        _memory?.Unshare();
        _memory = memory;
        _pointer = memory.Pointer;
        _capacity = (int)memory.Capacity;
    }
}
