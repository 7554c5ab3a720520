using HighPerf.Data.Arrow.Ipc.FlatBuffers;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>Writes the FlatBuffers <c>Message</c> that carries a <see cref="Schema"/>.</summary>
internal static class SchemaEncoder
{
    public static void Encode(FlatBufferBuilder builder, Schema schema)
    {
        builder.Clear();
        var fields = schema.FieldSpan;
        var fieldOffsets = new int[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fieldOffsets[i] = EncodeField(builder, fields[i]);
        }

        var fieldVector = builder.CreateOffsetVector(fieldOffsets);
        var metadata = EncodeMetadata(builder, schema.Metadata);

        builder.StartTable(4);
        builder.AddInt16(IpcFormat.SchemaEndianness, 0, defaultValue: -1);
        builder.AddOffset(IpcFormat.SchemaFields, fieldVector);
        builder.AddOffset(IpcFormat.SchemaCustomMetadata, metadata);
        var schemaTable = builder.EndTable();

        builder.StartTable(5);
        builder.AddInt64(IpcFormat.MessageBodyLength, 0, defaultValue: 0);
        builder.AddOffset(IpcFormat.MessageHeader, schemaTable);
        builder.AddInt16(IpcFormat.MessageVersion, IpcFormat.MetadataV5, defaultValue: 0);
        builder.AddByte(IpcFormat.MessageHeaderType, IpcFormat.HeaderSchema, defaultValue: 0);
        builder.Finish(builder.EndTable());
    }

    /// <summary>A vector of KeyValue tables, or 0 when there is no metadata.</summary>
    public static int EncodeMetadata(FlatBufferBuilder builder, IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
        {
            return 0;
        }

        var pairs = new int[metadata.Count];
        var i = 0;
        foreach (var (key, value) in metadata)
        {
            var keyOffset = builder.CreateString(key);
            var valueOffset = builder.CreateString(value);
            builder.StartTable(2);
            builder.AddOffset(IpcFormat.KeyValueKey, keyOffset);
            builder.AddOffset(IpcFormat.KeyValueValue, valueOffset);
            pairs[i++] = builder.EndTable();
        }

        return builder.CreateOffsetVector(pairs);
    }

    private static int EncodeField(FlatBufferBuilder builder, Field field)
    {
        var name = builder.CreateString(field.Name);
        var (typeTag, type) = EncodeType(builder, field.Type);
        var children = builder.CreateOffsetVector([]);
        var metadata = EncodeMetadata(builder, field.Metadata);

        builder.StartTable(7);
        builder.AddOffset(IpcFormat.FieldName, name);
        builder.AddOffset(IpcFormat.FieldType, type);
        builder.AddOffset(IpcFormat.FieldChildren, children);
        builder.AddOffset(IpcFormat.FieldCustomMetadata, metadata);
        builder.AddByte(IpcFormat.FieldTypeType, typeTag, defaultValue: 0);
        builder.AddBool(IpcFormat.FieldNullable, field.IsNullable, defaultValue: false);
        return builder.EndTable();
    }

    private static (byte Tag, int Offset) EncodeType(FlatBufferBuilder builder, ArrowType type)
    {
        switch (type.Id)
        {
            case ArrowTypeId.Null:
                return (IpcFormat.TypeNull, EmptyTable(builder));
            case ArrowTypeId.Boolean:
                return (IpcFormat.TypeBool, EmptyTable(builder));
            case ArrowTypeId.Utf8:
                return (IpcFormat.TypeUtf8, EmptyTable(builder));
            case ArrowTypeId.Binary:
                return (IpcFormat.TypeBinary, EmptyTable(builder));
            case ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
                or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64:
                builder.StartTable(2);
                builder.AddInt32(IpcFormat.IntBitWidth, type.BitWidth, defaultValue: 0);
                builder.AddBool(IpcFormat.IntIsSigned, type.Id is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64, defaultValue: false);
                return (IpcFormat.TypeInt, builder.EndTable());
            case ArrowTypeId.Float32 or ArrowTypeId.Float64:
                builder.StartTable(1);
                builder.AddInt16(IpcFormat.FloatingPointPrecision, type.Id == ArrowTypeId.Float32 ? IpcFormat.PrecisionSingle : IpcFormat.PrecisionDouble, defaultValue: 0);
                return (IpcFormat.TypeFloatingPoint, builder.EndTable());
            case ArrowTypeId.Decimal128:
                builder.StartTable(3);
                builder.AddInt32(IpcFormat.DecimalPrecision, type.Precision, defaultValue: 0);
                builder.AddInt32(IpcFormat.DecimalScale, type.Scale, defaultValue: 0);
                builder.AddInt32(IpcFormat.DecimalBitWidth, 128, defaultValue: 0);
                return (IpcFormat.TypeDecimal, builder.EndTable());
            case ArrowTypeId.Date32:
                builder.StartTable(1);

                // DAY is 0 but the schema's default is MILLISECOND, so DAY is always written.
                builder.AddInt16(IpcFormat.DateUnit, IpcFormat.DateUnitDay, defaultValue: IpcFormat.DateUnitMillisecond);
                return (IpcFormat.TypeDate, builder.EndTable());
            case ArrowTypeId.Timestamp:
                var zone = type.TimeZone is null ? 0 : builder.CreateString(type.TimeZone);
                builder.StartTable(2);
                builder.AddOffset(IpcFormat.TimestampTimeZone, zone);
                builder.AddInt16(IpcFormat.TimestampUnit, (short)type.TimeUnit, defaultValue: 0);
                return (IpcFormat.TypeTimestamp, builder.EndTable());
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Arrow type.");
        }
    }

    private static int EmptyTable(FlatBufferBuilder builder)
    {
        builder.StartTable(0);
        return builder.EndTable();
    }
}
