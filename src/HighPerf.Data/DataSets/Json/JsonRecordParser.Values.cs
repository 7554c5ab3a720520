using System.Buffers;
using System.Text.Json;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.DataSets.Json;

internal sealed partial class JsonRecordParser
{
    private static readonly long s_epochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Casts the value under the reader to column <paramref name="column"/>'s type and appends it.</summary>
    private void WriteValue(ref Utf8JsonReader reader, int column)
    {
        var declared = _definition.Columns[column];
        var builder = _builders[column];
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (!declared.Nullable)
            {
                throw new DataSetInvalidDataException($"Record {_row}: the field '{declared.Name}' must not be null.", _row, declared.Name);
            }

            builder.AppendNull();
            return;
        }

        switch (declared.Type.Kind)
        {
            case DataSetTypeKind.Int32:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var i32))
                {
                    throw WrongType(column, "an int32");
                }

                ((Int32ArrayBuilder)builder).Append(i32);
                break;
            case DataSetTypeKind.Int64:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var i64))
                {
                    throw WrongType(column, "an int64");
                }

                ((Int64ArrayBuilder)builder).Append(i64);
                break;
            case DataSetTypeKind.Float64:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var f64))
                {
                    throw WrongType(column, "a number");
                }

                ((Float64ArrayBuilder)builder).Append(f64);
                break;
            case DataSetTypeKind.Decimal:
                if (reader.TokenType != JsonTokenType.Number || !TryReadDecimal(ref reader, declared.Type, out var unscaled))
                {
                    throw WrongType(column, $"a number that fits {declared.Type}");
                }

                ((Decimal128ArrayBuilder)builder).Append(unscaled);
                break;
            case DataSetTypeKind.Bool:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    throw WrongType(column, "true or false");
                }

                ((BooleanArrayBuilder)builder).Append(reader.TokenType == JsonTokenType.True);
                break;
            case DataSetTypeKind.String:
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw WrongType(column, "a string");
                }

                AppendString(ref reader, (StringArrayBuilder)builder);
                break;
            case DataSetTypeKind.Date:
                if (reader.TokenType != JsonTokenType.String || !TryParseDate(ref reader, out var days))
                {
                    throw WrongType(column, "a date (yyyy-MM-dd)");
                }

                ((Date32ArrayBuilder)builder).Append(days);
                break;
            case DataSetTypeKind.Timestamp:
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var instant))
                {
                    throw WrongType(column, "an ISO 8601 timestamp");
                }

                ((TimestampArrayBuilder)builder).Append((instant.UtcTicks - s_epochTicks) / 10);
                break;
        }
    }

    private void WriteJson(ReadOnlySequence<byte> raw, bool isNull)
    {
        var declared = _definition.Columns[_column];
        var builder = (StringArrayBuilder)_builders[_column];
        if (isNull)
        {
            if (!declared.Nullable)
            {
                throw new DataSetInvalidDataException($"Record {_row}: the field '{declared.Name}' must not be null.", _row, declared.Name);
            }

            builder.AppendNull();
        }
        else if (raw.IsSingleSegment)
        {
            builder.Append(raw.FirstSpan);
        }
        else
        {
            var length = checked((int)raw.Length);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            raw.CopyTo(rented);
            builder.Append(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void AppendString(ref Utf8JsonReader reader, StringArrayBuilder builder)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            // Utf8JsonReader has already checked that the bytes are valid UTF-8.
            builder.Append(reader.ValueSpan);
            return;
        }

        var length = checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
        var rented = ArrayPool<byte>.Shared.Rent(length);
        var written = reader.CopyString(rented);
        builder.Append(rented.AsSpan(0, written));
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>A JSON number as the unscaled value of a decimal of <paramref name="type"/>: exact, or refused.</summary>
    private static bool TryReadDecimal(ref Utf8JsonReader reader, DataSetColumnType type, out Int128 unscaled)
    {
        if (!reader.HasValueSequence && TryParsePlainDecimal(reader.ValueSpan, type, out unscaled))
        {
            return true;
        }

        unscaled = default;
        if (!reader.TryGetDecimal(out var value))
        {
            return false;
        }

        try
        {
            unscaled = DecimalConversions.ToUnscaled(value, type.Precision, type.Scale);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The common shape <c>-?digits(.digits)?</c> without going through <see cref="decimal"/>.</summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, DataSetColumnType type, out Int128 unscaled)
    {
        unscaled = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        var digits = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }

            var d = c - (byte)'0';
            if ((uint)d > 9 || digits >= 38)
            {
                return false;
            }

            unscaled = (unscaled * 10) + d;
            digits++;
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        fraction = Math.Max(fraction, 0);
        if (digits == 0 || fraction > type.Scale)
        {
            return false;
        }

        unscaled *= DecimalConversions.PowerOfTen(type.Scale - fraction);
        if (unscaled >= DecimalConversions.PowerOfTen(type.Precision))
        {
            return false;
        }

        if (negative)
        {
            unscaled = -unscaled;
        }

        return true;
    }

    private static bool TryParseDate(ref Utf8JsonReader reader, out int days)
    {
        days = 0;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return TryParseDate(reader.ValueSpan, out days);
        }

        // A token split across two buffer segments (or escaped): unescape into a small buffer first.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        Span<byte> scratch = stackalloc byte[64];
        return length <= scratch.Length && TryParseDate(scratch[..reader.CopyString(scratch)], out days);
    }

    private static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-')
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        days = new DateOnly(year, month, day).DayNumber - Date32Array.EpochDayNumber;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var d = c - (byte)'0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
