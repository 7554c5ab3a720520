namespace HighPerf.Data.Arrow.CData;

/// <summary>Reads <see cref="CArrowSchema"/> structures into managed <see cref="Schema"/>s and <see cref="Field"/>s (copies; schemas are small).</summary>
internal static unsafe class SchemaImporter
{
    private const int MaxDepth = 64;

    public static Schema ImportSchema(CArrowSchema* schema)
    {
        CheckLive(schema, "schema");
        var format = CMetadata.ReadNulTerminated(schema->Format);
        if (format != FormatString.Struct)
        {
            ArrowFormatException.Throw(ArrowErrorKind.SchemaMismatch, $"Arrow: a record batch schema must be a struct ('+s'), not '{format}'.");
        }

        if (schema->NChildren < 0 || (schema->NChildren > 0 && schema->Children == null))
        {
            ArrowFormatException.ThrowInvalid($"the schema declares {schema->NChildren} children.");
        }

        var fields = new Field[schema->NChildren];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = ImportField(schema->Children[i], depth: 1);
        }

        return new Schema(fields, CMetadata.Decode(schema->Metadata));
    }

    public static Field ImportField(CArrowSchema* schema, int depth = 0)
    {
        CheckLive(schema, "field");
        if (depth > MaxDepth)
        {
            ArrowFormatException.ThrowInvalid("the schema is nested too deeply.");
        }

        if (schema->Dictionary != null)
        {
            ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, "Arrow: dictionary-encoded fields are not supported.");
        }

        var name = CMetadata.ReadNulTerminated(schema->Name);
        var format = CMetadata.ReadNulTerminated(schema->Format);
        if (schema->NChildren != 0)
        {
            ArrowFormatException.ThrowUnsupportedType($"'{format}' of field '{name}' (nested types are not supported)");
        }

        var type = FormatString.Parse(format);
        return new Field(name, type, (schema->Flags & CArrowSchema.FlagNullable) != 0, CMetadata.Decode(schema->Metadata));
    }

    private static void CheckLive(CArrowSchema* schema, string what)
    {
        if (schema == null)
        {
            throw new ArgumentNullException(nameof(schema));
        }

        if (schema->Release == null)
        {
            ArrowFormatException.ThrowInvalid($"the {what} structure has already been released.");
        }

        if (schema->Format == null)
        {
            ArrowFormatException.ThrowInvalid($"the {what} structure has no format string.");
        }
    }
}
