using System.Buffers.Binary;
using System.Text;

namespace HighPerf.Data.Arrow.Ipc.FlatBuffers;

/// <summary>
/// A minimal FlatBuffers encoder (the binary format of flatbuffers.dev "internals"): the buffer is filled
/// from the back, so that every offset points forward as the format requires. Tables get their own vtable
/// (no sharing: Arrow messages are small). Scalars equal to their schema default are omitted, as the
/// reference builders do. Reusable: <see cref="Clear"/> keeps the memory.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer;
    private int _space;
    private int _minAlign = 1;
    private int[] _vtable = new int[16];
    private int _vtableFields;
    private int _objectStart;

    public FlatBufferBuilder(int initialCapacity = 1024)
    {
        _buffer = new byte[initialCapacity];
        _space = initialCapacity;
    }

    /// <summary>The number of bytes written so far; an object's "offset" is this value right after it was written.</summary>
    public int Offset => _buffer.Length - _space;

    /// <summary>The finished buffer.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_space);

    public void Clear()
    {
        _space = _buffer.Length;
        _minAlign = 1;
        _vtableFields = 0;
    }

    public int CreateString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Prep(4, length + 1);
        _buffer[--_space] = 0;
        _space -= length;
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_space, length));
        PutInt32(length);
        return Offset;
    }

    /// <summary>Starts a vector of <paramref name="count"/> elements of <paramref name="elementSize"/> bytes; write them last to first.</summary>
    public void StartVector(int elementSize, int count, int alignment)
    {
        Prep(4, elementSize * count);
        Prep(alignment, elementSize * count);
    }

    public int EndVector(int count)
    {
        Prep(4, 0);
        PutInt32(count);
        return Offset;
    }

    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        StartVector(4, offsets.Length, 4);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            AddOffset(offsets[i]);
        }

        return EndVector(offsets.Length);
    }

    /// <summary>Writes one struct of two longs (Arrow's FieldNode and Buffer) into a vector being built.</summary>
    public void AddStructOfTwoLongs(long first, long second)
    {
        Prep(8, 16);
        PutInt64(second);
        PutInt64(first);
    }

    public void StartTable(int fieldCount)
    {
        if (_vtable.Length < fieldCount)
        {
            _vtable = new int[fieldCount];
        }

        Array.Clear(_vtable, 0, fieldCount);
        _vtableFields = fieldCount;
        _objectStart = Offset;
    }

    public void AddBool(int field, bool value, bool defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(1, 0);
            _buffer[--_space] = value ? (byte)1 : (byte)0;
            Slot(field);
        }
    }

    public void AddByte(int field, byte value, byte defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(1, 0);
            _buffer[--_space] = value;
            Slot(field);
        }
    }

    public void AddInt16(int field, short value, short defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(2, 0);
            _space -= 2;
            BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_space), value);
            Slot(field);
        }
    }

    public void AddInt32(int field, int value, int defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(4, 0);
            PutInt32(value);
            Slot(field);
        }
    }

    public void AddInt64(int field, long value, long defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(8, 0);
            PutInt64(value);
            Slot(field);
        }
    }

    /// <summary>Adds a reference to an object written earlier (0 means absent and is skipped).</summary>
    public void AddOffset(int field, int offset)
    {
        if (offset != 0)
        {
            AddOffset(offset);
            Slot(field);
        }
    }

    public int EndTable()
    {
        // The table starts with the signed offset to its vtable, patched below.
        Prep(4, 0);
        PutInt32(0);
        var objectOffset = Offset;

        var fields = _vtableFields;
        while (fields > 0 && _vtable[fields - 1] == 0)
        {
            fields--;
        }

        Prep(2, (fields + 2) * 2);

        for (var i = fields - 1; i >= 0; i--)
        {
            PutInt16(_vtable[i] != 0 ? (short)(objectOffset - _vtable[i]) : (short)0);
        }

        PutInt16((short)(objectOffset - _objectStart));
        PutInt16((short)((fields + 2) * 2));
        var vtableOffset = Offset;

        // soffset = table position - vtable position; the vtable sits below the table, so it is positive.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - objectOffset), vtableOffset - objectOffset);
        _vtableFields = 0;
        return objectOffset;
    }

    public void Finish(int root)
    {
        Prep(Math.Max(_minAlign, 8), 4);
        AddOffset(root);
    }

    private void Slot(int field) => _vtable[field] = Offset;

    private void AddOffset(int offset)
    {
        Prep(4, 0);
        PutInt32(Offset - offset + 4);
    }

    /// <summary>Pads so that, once <paramref name="additional"/> more bytes are written, the position is aligned to <paramref name="size"/>.</summary>
    private void Prep(int size, int additional)
    {
        _minAlign = Math.Max(_minAlign, size);
        var alignSize = (~(Offset + additional) + 1) & (size - 1);
        while (_space < alignSize + size + additional)
        {
            Grow();
        }

        for (var i = 0; i < alignSize; i++)
        {
            _buffer[--_space] = 0;
        }
    }

    private void Grow()
    {
        var old = _buffer;
        var used = old.Length - _space;
        _buffer = new byte[old.Length * 2];
        old.AsSpan(_space).CopyTo(_buffer.AsSpan(_buffer.Length - used));
        _space = _buffer.Length - used;
    }

    private void PutInt16(short value)
    {
        _space -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_space), value);
    }

    private void PutInt32(int value)
    {
        _space -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_space), value);
    }

    private void PutInt64(long value)
    {
        _space -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_space), value);
    }
}
