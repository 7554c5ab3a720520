using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Postgres;

/// <summary>
/// Appends the binary COPY form of one PostgreSQL column's values to its Arrow builder. One subclass per type,
/// each holding its builder already cast, so a field costs one virtual call and no type test.
/// </summary>
internal abstract class ColumnDecoder : IDisposable
{
    private protected ColumnDecoder(string name, ArrowArrayBuilder builder)
    {
        Name = name;
        Builder = builder;
    }

    public string Name { get; }

    public ArrowArrayBuilder Builder { get; }

    /// <summary>The decoder for a column of PostgreSQL type <paramref name="oid"/> read as <paramref name="type"/>.</summary>
    public static ColumnDecoder Create(string name, uint oid, ArrowType type)
    {
        var builder = ArrowArrayBuilder.Create(type);
        return oid switch
        {
            PgOid.Int2 => new Int2Decoder(name, (Int16ArrayBuilder)builder),
            PgOid.Int4 => new Int4Decoder(name, (Int32ArrayBuilder)builder),
            PgOid.Int8 => new Int8Decoder(name, (Int64ArrayBuilder)builder),
            PgOid.Float4 => new Float4Decoder(name, (Float32ArrayBuilder)builder),
            PgOid.Float8 => new Float8Decoder(name, (Float64ArrayBuilder)builder),
            PgOid.Bool => new BoolDecoder(name, (BooleanArrayBuilder)builder),
            PgOid.Numeric when type.Id == ArrowTypeId.Decimal128 => new DecimalDecoder(name, (Decimal128ArrayBuilder)builder),
            PgOid.Numeric => new NumericTextDecoder(name, (StringArrayBuilder)builder),
            PgOid.Jsonb => new JsonbDecoder(name, (StringArrayBuilder)builder),
            PgOid.Uuid => new UuidDecoder(name, (StringArrayBuilder)builder),
            PgOid.Bytea => new BytesDecoder(name, (BinaryArrayBuilder)builder),
            PgOid.Date => new DateDecoder(name, (Date32ArrayBuilder)builder),
            PgOid.Timestamp or PgOid.TimestampTz => new TimestampDecoder(name, (TimestampArrayBuilder)builder),
            _ => new TextDecoder(name, (StringArrayBuilder)builder),
        };
    }

    /// <summary>Appends one non-null value from its binary form.</summary>
    public abstract void Append(ReadOnlySpan<byte> value);

    public void AppendNull() => Builder.AppendNull();

    public void Dispose() => Builder.Dispose();

    [DoesNotReturn]
    private protected void ThrowBadValue(string problem) => throw new PgValueException(Name, problem);

    private protected void CheckLength(ReadOnlySpan<byte> value, int length)
    {
        if (value.Length != length)
        {
            ThrowBadValue($"has {value.Length} bytes where {length} were expected");
        }
    }
}

/// <summary>A value the decoder or encoder refused; the parser adds the row index.</summary>
internal sealed class PgValueException(string column, string problem) : Exception($"The value of column '{column}' {problem}.")
{
    public string Column { get; } = column;
}

internal sealed class Int2Decoder(string name, Int16ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 2);
        builder.Append(BinaryPrimitives.ReadInt16BigEndian(value));
    }
}

internal sealed class Int4Decoder(string name, Int32ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 4);
        builder.Append(BinaryPrimitives.ReadInt32BigEndian(value));
    }
}

internal sealed class Int8Decoder(string name, Int64ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 8);
        builder.Append(BinaryPrimitives.ReadInt64BigEndian(value));
    }
}

internal sealed class Float4Decoder(string name, Float32ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 4);
        builder.Append(BinaryPrimitives.ReadSingleBigEndian(value));
    }
}

internal sealed class Float8Decoder(string name, Float64ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 8);
        builder.Append(BinaryPrimitives.ReadDoubleBigEndian(value));
    }
}

internal sealed class BoolDecoder(string name, BooleanArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 1);
        builder.Append(value[0] != 0);
    }
}

internal sealed class TextDecoder(string name, StringArrayBuilder builder) : ColumnDecoder(name, builder)
{
    // text_send sends the characters in the client encoding, which Npgsql sets to UTF-8.
    public override void Append(ReadOnlySpan<byte> value) => builder.Append(value);
}

internal sealed class BytesDecoder(string name, BinaryArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value) => builder.Append(value);
}

internal sealed class JsonbDecoder(string name, StringArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        // jsonb_send: a format version byte (1), then the JSON text.
        if (value.IsEmpty || value[0] != 1)
        {
            ThrowBadValue("is not jsonb of format version 1");
        }

        builder.Append(value[1..]);
    }
}

internal sealed class UuidDecoder(string name, StringArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 16);
        Span<byte> text = stackalloc byte[36];
        PgUuid.Format(value, text);
        builder.Append(text);
    }
}

internal sealed class DateDecoder(string name, Date32ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 4);
        builder.Append(PgEpoch.DateToArrow(BinaryPrimitives.ReadInt32BigEndian(value)));
    }
}

internal sealed class TimestampDecoder(string name, TimestampArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        CheckLength(value, 8);
        builder.Append(PgEpoch.TimestampToArrow(BinaryPrimitives.ReadInt64BigEndian(value)));
    }
}

internal sealed class DecimalDecoder(string name, Decimal128ArrayBuilder builder) : ColumnDecoder(name, builder)
{
    private readonly int _precision = builder.Type.Precision;
    private readonly int _scale = builder.Type.Scale;

    public override void Append(ReadOnlySpan<byte> value)
    {
        if (!PgNumeric.TryReadUnscaled(value, _precision, _scale, out var unscaled, out var problem))
        {
            ThrowBadValue(problem!);
        }

        builder.Append(unscaled);
    }
}

internal sealed class NumericTextDecoder(string name, StringArrayBuilder builder) : ColumnDecoder(name, builder)
{
    public override void Append(ReadOnlySpan<byte> value)
    {
        var max = PgNumeric.MaxTextLength(value);
        var rented = max > 256 ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> text = rented ?? stackalloc byte[256];
        var written = PgNumeric.WriteText(value, text);
        if (written < 0)
        {
            ThrowBadValue("is not a binary numeric");
        }

        builder.Append(text[..written]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
