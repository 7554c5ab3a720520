using System.Globalization;
using System.Text.Json;
using HighPerf.Data.Arrow;

namespace HighPerf.Sample.Api.Json;

/// <summary>
/// Writes the rows of Arrow record batches as JSON objects, value by value from the column buffers: no row
/// objects, no boxing. Decimals keep every digit (written from the unscaled integer), timestamps are UTC ISO 8601
/// with microseconds, dates <c>yyyy-MM-dd</c>, json columns nested as JSON, non-finite floats as strings.
/// </summary>
internal sealed class ArrowRowJsonWriter
{
    private readonly JsonEncodedText[] _names;
    private readonly bool[] _rawJson;

    /// <param name="schema">The batches' schema.</param>
    /// <param name="jsonColumns">Which columns hold JSON text to nest rather than quote.</param>
    internal ArrowRowJsonWriter(Schema schema, ReadOnlySpan<bool> jsonColumns)
    {
        _names = new JsonEncodedText[schema.Fields.Count];
        _rawJson = new bool[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = JsonEncodedText.Encode(schema.Fields[i].Name);
            _rawJson[i] = i < jsonColumns.Length && jsonColumns[i];
        }
    }

    /// <summary>Writes row <paramref name="row"/> of <paramref name="batch"/> as one object.</summary>
    internal void WriteRow(Utf8JsonWriter writer, RecordBatch batch, int row)
    {
        writer.WriteStartObject();
        for (var c = 0; c < _names.Length; c++)
        {
            writer.WritePropertyName(_names[c]);
            WriteValue(writer, batch.Column(c), row, _rawJson[c]);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, ArrowArray array, int row, bool rawJson)
    {
        if (array.IsNull(row))
        {
            writer.WriteNullValue();
            return;
        }

        switch (array)
        {
            case Int32Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case Int64Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case Float64Array a: WriteDouble(writer, a.GetValue(row)); break;
            case Float32Array a: WriteDouble(writer, a.GetValue(row)); break;
            case BooleanArray a: writer.WriteBooleanValue(a.GetValue(row)); break;
            case StringArray a when rawJson: WriteJsonText(writer, a.GetBytes(row)); break;
            case StringArray a: writer.WriteStringValue(a.GetBytes(row)); break;
            case Decimal128Array a: WriteDecimal(writer, a.GetValue(row), a.Type.Scale); break;
            case Date32Array a: WriteDate(writer, a.GetDate(row)); break;
            case TimestampArray a: WriteTimestamp(writer, a.GetDateTimeOffset(row)); break;
            case Int8Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case Int16Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case UInt8Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case UInt16Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case UInt32Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case UInt64Array a: writer.WriteNumberValue(a.GetValue(row)); break;
            case BinaryArray a: writer.WriteBase64StringValue(a.GetValue(row)); break;
            default: writer.WriteNullValue(); break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            // JSON has no NaN or infinity; the names System.Text.Json reads back with AllowNamedFloatingPointLiterals.
            writer.WriteStringValue(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8);
        }
    }

    private static void WriteJsonText(Utf8JsonWriter writer, ReadOnlySpan<byte> json)
    {
        try
        {
            writer.WriteRawValue(json);
        }
        catch (ArgumentException)
        {
            // Text the json type admitted but that is not JSON (quality counts these): passed on as a string.
            writer.WriteStringValue(json);
        }
    }

    /// <summary>The unscaled 128-bit integer with the point put back: exact for all 38 digits, which decimal cannot hold.</summary>
    private static void WriteDecimal(Utf8JsonWriter writer, Int128 unscaled, int scale)
    {
        Span<byte> digits = stackalloc byte[48];
        Span<byte> text = stackalloc byte[50];
        var negative = Int128.IsNegative(unscaled);
        var magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        magnitude.TryFormat(digits, out var count, default, CultureInfo.InvariantCulture);
        var length = 0;
        if (negative)
        {
            text[length++] = (byte)'-';
        }

        if (scale == 0)
        {
            digits[..count].CopyTo(text[length..]);
            length += count;
        }
        else
        {
            var whole = count - scale;
            if (whole <= 0)
            {
                text[length++] = (byte)'0';
                text[length++] = (byte)'.';
                text.Slice(length, -whole).Fill((byte)'0');
                length += -whole;
                digits[..count].CopyTo(text[length..]);
                length += count;
            }
            else
            {
                digits[..whole].CopyTo(text[length..]);
                length += whole;
                text[length++] = (byte)'.';
                digits[whole..count].CopyTo(text[length..]);
                length += scale;
            }
        }

        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteDate(Utf8JsonWriter writer, DateOnly date)
    {
        Span<byte> text = stackalloc byte[16];
        date.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..length]);
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset instant)
    {
        Span<byte> text = stackalloc byte[40];
        instant.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..length]);
    }
}
