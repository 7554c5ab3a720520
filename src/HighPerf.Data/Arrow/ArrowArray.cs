using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>
/// An immutable Arrow array: a column of <see cref="Length"/> values of one <see cref="Type"/> in native
/// memory, read through spans and typed accessors without copying or boxing. The memory is shared with
/// every structure exported from the array; <see cref="Dispose"/> gives this array's share back, and the
/// memory is freed when the last share goes. Accessing an array after disposing it throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public abstract unsafe class ArrowArray : IDisposable
{
    private readonly ArrowBuffer[] _buffers;
    private readonly byte* _validity;
    private int _liveLength;
    private int _disposed;

    private protected ArrowArray(ArrowType type, int length, int nullCount, ArrowBuffer[] buffers)
    {
        Type = type;
        Length = length;
        NullCount = nullCount;
        _buffers = buffers;
        _validity = buffers.Length > 0 && nullCount > 0 ? buffers[0].Pointer : null;
        _liveLength = length;
    }

    /// <summary>The data type of the values.</summary>
    public ArrowType Type { get; }

    /// <summary>The number of values (null or not).</summary>
    public int Length { get; }

    /// <summary>The number of null values.</summary>
    public int NullCount { get; }

    /// <summary>
    /// The validity bitmap (bit <c>i</c>, least significant first, is 1 when value <c>i</c> is not null),
    /// or an empty span when the array has no nulls and so no bitmap.
    /// </summary>
    public ReadOnlySpan<byte> ValidityBitmap
    {
        get
        {
            ThrowIfDisposed();
            return _validity == null ? default : new ReadOnlySpan<byte>(_validity, BitUtility.BytesFor(Length));
        }
    }

    /// <summary>The physical buffers in the order of the Arrow layout (validity first), each holding one share of its memory.</summary>
    internal ReadOnlySpan<ArrowBuffer> Buffers => _buffers;

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Whether value <paramref name="index"/> is null.</summary>
    /// <param name="index">From 0 to <see cref="Length"/> - 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index)
    {
        CheckIndex(index);
        return _validity == null ? NullCount != 0 : !BitUtility.Get(_validity, index);
    }

    /// <summary>Whether value <paramref name="index"/> is not null.</summary>
    /// <param name="index">From 0 to <see cref="Length"/> - 1.</param>
    public bool IsValid(int index) => !IsNull(index);

    /// <summary>Gives this array's share of its memory back; the memory is freed once nothing else holds it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _liveLength = 0;
        foreach (var buffer in _buffers)
        {
            buffer.Owner?.Unshare();
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type} array of {Length} ({NullCount} null)";

    /// <summary>Throws unless <paramref name="index"/> is in range and the array is not disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_liveLength)
        {
            ThrowBadIndex(index);
        }
    }

    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    private protected byte* BufferPointer(int index) => _buffers[index].Pointer;

    [DoesNotReturn]
    private void ThrowBadIndex(int index)
    {
        ThrowIfDisposed();
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be from 0 to {Length - 1}.");
    }
}
