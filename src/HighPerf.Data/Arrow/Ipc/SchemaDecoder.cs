using HighPerf.Data.Arrow.Ipc.FlatBuffers;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>Reads a FlatBuffers <c>Schema</c> table into a <see cref="Schema"/>, rejecting what we do not support with a clear error.</summary>
internal static class SchemaDecoder
{
    public static Schema Decode(FlatBufferTable schema)
    {
        if (schema.GetInt16(IpcFormat.SchemaEndianness, 0) != 0)
        {
            ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, "Arrow: the stream is big-endian; only little-endian data is supported.");
        }

        var count = schema.GetVector(IpcFormat.SchemaFields, 4, out var start);
        var fields = new Field[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = DecodeField(schema.GetVectorTable(start, i));
        }

        return new Schema(fields, DecodeMetadata(schema, IpcFormat.SchemaCustomMetadata));
    }

    public static List<KeyValuePair<string, string>>? DecodeMetadata(FlatBufferTable table, int field)
    {
        var count = table.GetVector(field, 4, out var start);
        if (count == 0)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            var pair = table.GetVectorTable(start, i);
            pairs.Add(new(pair.GetString(IpcFormat.KeyValueKey) ?? string.Empty, pair.GetString(IpcFormat.KeyValueValue) ?? string.Empty));
        }

        return pairs;
    }

    private static Field DecodeField(FlatBufferTable field)
    {
        var name = field.GetString(IpcFormat.FieldName) ?? string.Empty;
        if (field.Has(IpcFormat.FieldDictionary))
        {
            ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, $"Arrow: field '{name}' is dictionary-encoded; dictionaries are not supported.");
        }

        if (field.GetVector(IpcFormat.FieldChildren, 4, out _) != 0)
        {
            ArrowFormatException.ThrowUnsupportedType($"of field '{name}' (nested types are not supported)");
        }

        var tag = field.GetByte(IpcFormat.FieldTypeType, 0);
        if (!field.TryGetTable(IpcFormat.FieldType, out var type))
        {
            ArrowFormatException.ThrowInvalid($"field '{name}' has no type.");
        }

        return new Field(name, DecodeType(tag, type, name), field.GetBool(IpcFormat.FieldNullable, false), DecodeMetadata(field, IpcFormat.FieldCustomMetadata));
    }

    private static ArrowType DecodeType(byte tag, FlatBufferTable type, string name)
    {
        switch (tag)
        {
            case IpcFormat.TypeNull: return ArrowType.Null;
            case IpcFormat.TypeBool: return ArrowType.Boolean;
            case IpcFormat.TypeUtf8: return ArrowType.Utf8;
            case IpcFormat.TypeBinary: return ArrowType.Binary;
            case IpcFormat.TypeInt:
                var signed = type.GetBool(IpcFormat.IntIsSigned, false);
                return type.GetInt32(IpcFormat.IntBitWidth, 0) switch
                {
                    8 => signed ? ArrowType.Int8 : ArrowType.UInt8,
                    16 => signed ? ArrowType.Int16 : ArrowType.UInt16,
                    32 => signed ? ArrowType.Int32 : ArrowType.UInt32,
                    64 => signed ? ArrowType.Int64 : ArrowType.UInt64,
                    var width => Unsupported($"int of {width} bits", name),
                };
            case IpcFormat.TypeFloatingPoint:
                return type.GetInt16(IpcFormat.FloatingPointPrecision, 0) switch
                {
                    IpcFormat.PrecisionSingle => ArrowType.Float32,
                    IpcFormat.PrecisionDouble => ArrowType.Float64,
                    _ => Unsupported("float16", name),
                };
            case IpcFormat.TypeDecimal:
                var precision = type.GetInt32(IpcFormat.DecimalPrecision, 0);
                var scale = type.GetInt32(IpcFormat.DecimalScale, 0);
                var bits = type.GetInt32(IpcFormat.DecimalBitWidth, 128);
                if (bits != 128 || precision is < 1 or > 38 || scale < 0 || scale > precision)
                {
                    return Unsupported($"decimal{bits}({precision}, {scale})", name);
                }

                return ArrowType.Decimal128(precision, scale);
            case IpcFormat.TypeDate:
                return type.GetInt16(IpcFormat.DateUnit, IpcFormat.DateUnitMillisecond) == IpcFormat.DateUnitDay
                    ? ArrowType.Date32
                    : Unsupported("date64", name);
            case IpcFormat.TypeTimestamp:
                var unit = type.GetInt16(IpcFormat.TimestampUnit, 0);
                if (unit is < 0 or > 3)
                {
                    ArrowFormatException.ThrowInvalid($"field '{name}' has the unknown time unit {unit}.");
                }

                return ArrowType.Timestamp((ArrowTimeUnit)unit, type.GetString(IpcFormat.TimestampTimeZone));
            default:
                return Unsupported($"with union tag {tag}", name);
        }
    }

    private static ArrowType Unsupported(string what, string name)
    {
        ArrowFormatException.ThrowUnsupportedType($"{what} of field '{name}'");
        return null;
    }
}
