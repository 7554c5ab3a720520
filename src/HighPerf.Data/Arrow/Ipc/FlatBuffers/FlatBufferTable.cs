using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HighPerf.Data.Arrow.Ipc.FlatBuffers;

/// <summary>
/// Read access to one FlatBuffers table, with every offset checked against the buffer: damaged or hostile
/// metadata raises <see cref="ArrowFormatException"/>, never an out-of-range read.
/// </summary>
internal readonly ref struct FlatBufferTable
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableSize;
    private readonly int _tableSize;

    private FlatBufferTable(ReadOnlySpan<byte> buffer, int position)
    {
        _buffer = buffer;
        _position = position;
        var vtable = (long)position - ReadInt32(buffer, position);
        if (vtable < 0 || vtable > buffer.Length - 4)
        {
            ThrowDamaged("a vtable offset points outside the buffer");
        }

        _vtable = (int)vtable;
        _vtableSize = ReadUInt16(buffer, _vtable);
        _tableSize = ReadUInt16(buffer, _vtable + 2);
        if (_vtableSize < 4 || (_vtableSize & 1) != 0 || _vtable + _vtableSize > buffer.Length || (long)position + _tableSize > buffer.Length)
        {
            ThrowDamaged("a vtable or table runs past the buffer");
        }
    }

    /// <summary>The root table of a finished buffer.</summary>
    public static FlatBufferTable Root(ReadOnlySpan<byte> buffer) => new(buffer, Deref(buffer, 0));

    public bool Has(int field) => FieldPosition(field) != 0;

    public byte GetByte(int field, byte defaultValue)
    {
        var at = FieldPosition(field);
        return at == 0 ? defaultValue : ReadByte(_buffer, at);
    }

    public bool GetBool(int field, bool defaultValue)
    {
        var at = FieldPosition(field);
        return at == 0 ? defaultValue : ReadByte(_buffer, at) != 0;
    }

    public short GetInt16(int field, short defaultValue)
    {
        var at = FieldPosition(field);
        return at == 0 ? defaultValue : (short)ReadUInt16(_buffer, at);
    }

    public int GetInt32(int field, int defaultValue)
    {
        var at = FieldPosition(field);
        return at == 0 ? defaultValue : ReadInt32(_buffer, at);
    }

    public long GetInt64(int field, long defaultValue)
    {
        var at = FieldPosition(field);
        if (at == 0)
        {
            return defaultValue;
        }

        Check(at, 8);
        return BinaryPrimitives.ReadInt64LittleEndian(_buffer[at..]);
    }

    public bool TryGetTable(int field, out FlatBufferTable table)
    {
        var at = FieldPosition(field);
        table = at == 0 ? default : new FlatBufferTable(_buffer, Deref(_buffer, at));
        return at != 0;
    }

    public string? GetString(int field)
    {
        var at = FieldPosition(field);
        if (at == 0)
        {
            return null;
        }

        var start = Deref(_buffer, at);
        var length = ReadInt32(_buffer, start);
        if (length < 0 || (long)start + 4 + length > _buffer.Length)
        {
            ThrowDamaged("a string runs past the buffer");
        }

        return Encoding.UTF8.GetString(_buffer.Slice(start + 4, length));
    }

    /// <summary>The element count of a vector field (0 when absent) and where its elements start.</summary>
    public int GetVector(int field, int elementSize, out int start)
    {
        var at = FieldPosition(field);
        if (at == 0)
        {
            start = 0;
            return 0;
        }

        var vector = Deref(_buffer, at);
        var count = ReadInt32(_buffer, vector);
        start = vector + 4;
        if (count < 0 || start + ((long)count * elementSize) > _buffer.Length)
        {
            ThrowDamaged("a vector runs past the buffer");
        }

        return count;
    }

    /// <summary>Table element <paramref name="index"/> of a vector of tables that starts at <paramref name="start"/>.</summary>
    public FlatBufferTable GetVectorTable(int start, int index) => new(_buffer, Deref(_buffer, start + (index * 4)));

    public long ReadInt64At(int position)
    {
        Check(position, 8);
        return BinaryPrimitives.ReadInt64LittleEndian(_buffer[position..]);
    }

    private int FieldPosition(int field)
    {
        var entry = 4 + (field * 2);
        if (entry + 2 > _vtableSize)
        {
            return 0;
        }

        var offset = ReadUInt16(_buffer, _vtable + entry);
        if (offset == 0)
        {
            return 0;
        }

        if (offset >= _tableSize)
        {
            ThrowDamaged("a field lies outside its table");
        }

        return _position + offset;
    }

    private void Check(int position, int size)
    {
        if (position < 0 || (long)position + size > _buffer.Length)
        {
            ThrowDamaged("a field runs past the buffer");
        }
    }

    private static int Deref(ReadOnlySpan<byte> buffer, int position)
    {
        var target = position + (long)(uint)ReadInt32(buffer, position);
        if (target > buffer.Length - 4)
        {
            ThrowDamaged("an offset points outside the buffer");
        }

        return (int)target;
    }

    private static byte ReadByte(ReadOnlySpan<byte> buffer, int position)
    {
        if ((uint)position >= (uint)buffer.Length)
        {
            ThrowDamaged("a field runs past the buffer");
        }

        return buffer[position];
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> buffer, int position)
    {
        if (position < 0 || position > buffer.Length - 2)
        {
            ThrowDamaged("a field runs past the buffer");
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(buffer[position..]);
    }

    private static int ReadInt32(ReadOnlySpan<byte> buffer, int position)
    {
        if (position < 0 || position > buffer.Length - 4)
        {
            ThrowDamaged("a field runs past the buffer");
        }

        return BinaryPrimitives.ReadInt32LittleEndian(buffer[position..]);
    }

    [DoesNotReturn]
    private static void ThrowDamaged(string what) =>
        throw new ArrowFormatException(ArrowErrorKind.InvalidData, $"Arrow: the message metadata is not a valid FlatBuffer ({what}).");
}
