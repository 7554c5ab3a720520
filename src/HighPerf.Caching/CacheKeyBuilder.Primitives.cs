using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using HighPerf.Caching.Keys;

namespace HighPerf.Caching;

// Fixed-size parts: a tag, then the value little-endian. Floating-point values are normalized first
// (-0 as +0, every NaN as one NaN) and decimals without trailing zeros, so equal values give equal keys.
public ref partial struct CacheKeyBuilder
{
    /// <summary>Adds a <see cref="bool"/>.</summary>
    public void Add(bool value) => Reserve(1)[0] = (byte)(value ? KeyPartTag.True : KeyPartTag.False);

    /// <summary>Adds an <see cref="sbyte"/>.</summary>
    public void Add(sbyte value)
    {
        var span = Reserve(2);
        span[0] = (byte)KeyPartTag.SByte;
        span[1] = (byte)value;
    }

    /// <summary>Adds a <see cref="byte"/>.</summary>
    public void Add(byte value)
    {
        var span = Reserve(2);
        span[0] = (byte)KeyPartTag.Byte;
        span[1] = value;
    }

    /// <summary>Adds a <see cref="short"/>.</summary>
    public void Add(short value) => BinaryPrimitives.WriteInt16LittleEndian(Tagged(KeyPartTag.Int16, sizeof(short)), value);

    /// <summary>Adds a <see cref="ushort"/>.</summary>
    public void Add(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Tagged(KeyPartTag.UInt16, sizeof(ushort)), value);

    /// <summary>Adds an <see cref="int"/>.</summary>
    public void Add(int value) => BinaryPrimitives.WriteInt32LittleEndian(Tagged(KeyPartTag.Int32, sizeof(int)), value);

    /// <summary>Adds a <see cref="uint"/>.</summary>
    public void Add(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Tagged(KeyPartTag.UInt32, sizeof(uint)), value);

    /// <summary>Adds a <see cref="long"/>.</summary>
    public void Add(long value) => BinaryPrimitives.WriteInt64LittleEndian(Tagged(KeyPartTag.Int64, sizeof(long)), value);

    /// <summary>Adds a <see cref="ulong"/>.</summary>
    public void Add(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Tagged(KeyPartTag.UInt64, sizeof(ulong)), value);

    /// <summary>Adds an <see cref="Int128"/>.</summary>
    public void Add(Int128 value) => BinaryPrimitives.WriteInt128LittleEndian(Tagged(KeyPartTag.Int128, 16), value);

    /// <summary>Adds a <see cref="UInt128"/>.</summary>
    public void Add(UInt128 value) => BinaryPrimitives.WriteUInt128LittleEndian(Tagged(KeyPartTag.UInt128, 16), value);

    /// <summary>Adds a <see cref="char"/> as its UTF-16 code unit (not as a one-character string).</summary>
    public void Add(char value) => BinaryPrimitives.WriteUInt16LittleEndian(Tagged(KeyPartTag.Char, sizeof(char)), value);

    /// <summary>Adds a <see cref="Half"/> (normalized: -0 as +0, one NaN).</summary>
    public void Add(Half value)
    {
        var normalized = Half.IsNaN(value) ? Half.NaN : value == Half.Zero ? Half.Zero : value;
        BinaryPrimitives.WriteHalfLittleEndian(Tagged(KeyPartTag.Half, 2), normalized);
    }

    /// <summary>Adds a <see cref="float"/> (normalized: -0 as +0, one NaN).</summary>
    public void Add(float value)
    {
        var normalized = float.IsNaN(value) ? float.NaN : value == 0f ? 0f : value;
        BinaryPrimitives.WriteSingleLittleEndian(Tagged(KeyPartTag.Single, sizeof(float)), normalized);
    }

    /// <summary>Adds a <see cref="double"/> (normalized: -0 as +0, one NaN).</summary>
    public void Add(double value)
    {
        var normalized = double.IsNaN(value) ? double.NaN : value == 0d ? 0d : value;
        BinaryPrimitives.WriteDoubleLittleEndian(Tagged(KeyPartTag.Double, sizeof(double)), normalized);
    }

    /// <summary>Adds a <see cref="decimal"/> without its trailing zeros, so <c>1.0m</c> and <c>1.00m</c> give one key.</summary>
    public void Add(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0 && mantissa != 0;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        if (mantissa == 0)
        {
            scale = 0;
        }

        var span = Tagged(KeyPartTag.Decimal, 14);
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)mantissa);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(mantissa >> 64));
        span[12] = (byte)scale;
        span[13] = negative ? (byte)1 : (byte)0;
    }

    /// <summary>Adds a <see cref="Guid"/> as its 16 bytes in RFC 9562 (big-endian) order.</summary>
    public void Add(Guid value) => value.TryWriteBytes(Tagged(KeyPartTag.Guid, 16), bigEndian: true, out _);

    /// <summary>Adds a <see cref="DateTime"/>: its ticks and its <see cref="DateTimeKind"/> (a UTC and a local time with equal ticks differ).</summary>
    public void Add(DateTime value)
    {
        var span = Tagged(KeyPartTag.DateTime, 9);
        BinaryPrimitives.WriteInt64LittleEndian(span, value.Ticks);
        span[8] = (byte)value.Kind;
    }

    /// <summary>Adds a <see cref="DateTimeOffset"/>: its UTC ticks and its offset in minutes (the same instant at two offsets differs).</summary>
    public void Add(DateTimeOffset value)
    {
        var span = Tagged(KeyPartTag.DateTimeOffset, 10);
        BinaryPrimitives.WriteInt64LittleEndian(span, value.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)value.TotalOffsetMinutes);
    }

    /// <summary>Adds a <see cref="TimeSpan"/> as its ticks.</summary>
    public void Add(TimeSpan value) => BinaryPrimitives.WriteInt64LittleEndian(Tagged(KeyPartTag.TimeSpan, sizeof(long)), value.Ticks);

    /// <summary>Adds a <see cref="DateOnly"/> as its day number.</summary>
    public void Add(DateOnly value) => BinaryPrimitives.WriteInt32LittleEndian(Tagged(KeyPartTag.DateOnly, sizeof(int)), value.DayNumber);

    /// <summary>Adds a <see cref="TimeOnly"/> as its ticks.</summary>
    public void Add(TimeOnly value) => BinaryPrimitives.WriteInt64LittleEndian(Tagged(KeyPartTag.TimeOnly, sizeof(long)), value.Ticks);

    /// <summary>Adds an enum value as its underlying integer widened to 64 bits (renaming a member keeps its keys; renumbering changes them).</summary>
    public void AddEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        long number = Unsafe.SizeOf<TEnum>() switch
        {
            1 => Unsafe.As<TEnum, sbyte>(ref value),
            2 => Unsafe.As<TEnum, short>(ref value),
            4 => Unsafe.As<TEnum, int>(ref value),
            _ => Unsafe.As<TEnum, long>(ref value),
        };
        BinaryPrimitives.WriteInt64LittleEndian(Tagged(KeyPartTag.Enum, sizeof(long)), number);
    }

    /// <summary>Writes the tag and returns the <paramref name="size"/> bytes that follow it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Tagged(KeyPartTag tag, int size)
    {
        var span = Reserve(size + 1);
        span[0] = (byte)tag;
        return span[1..];
    }
}
