using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// Fills <see cref="CArrowSchema"/> structures. Each node owns two native blocks: its strings (format, name
/// and metadata, pointed to by <c>private_data</c>) and its children (the pointer array followed by the
/// child structures). Every node has its own release callback, so a consumer may move a child out and
/// release it on its own, as the interface allows.
/// </summary>
internal static unsafe class SchemaExporter
{
    public static void ExportSchema(Schema schema, CArrowSchema* destination)
    {
        var fields = schema.FieldSpan;
        Fill(destination, FormatString.Struct, string.Empty, schema.Metadata, flags: 0, fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            ExportField(fields[i], destination->Children[i]);
        }
    }

    public static void ExportField(Field field, CArrowSchema* destination) =>
        Fill(destination, FormatString.Of(field.Type), field.Name, field.Metadata, field.IsNullable ? CArrowSchema.FlagNullable : 0, childCount: 0);

    public static void ExportType(ArrowType type, CArrowSchema* destination) =>
        Fill(destination, FormatString.Of(type), string.Empty, ArrowMetadata.Empty, CArrowSchema.FlagNullable, childCount: 0);

    private static void Fill(CArrowSchema* destination, string format, string name, IReadOnlyDictionary<string, string> metadata, long flags, int childCount)
    {
        var formatLength = Encoding.UTF8.GetByteCount(format);
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var metadataLength = CMetadata.EncodedLength(metadata);
        var stringsLength = formatLength + 1 + nameLength + 1 + metadataLength;
        var strings = (byte*)NativeMemory.Alloc((nuint)stringsLength);
        var span = new Span<byte>(strings, stringsLength);
        Encoding.UTF8.GetBytes(format, span);
        span[formatLength] = 0;
        Encoding.UTF8.GetBytes(name, span[(formatLength + 1)..]);
        span[formatLength + 1 + nameLength] = 0;
        if (metadataLength > 0)
        {
            CMetadata.Encode(metadata, span[(formatLength + nameLength + 2)..]);
        }

        CArrowSchema** children = null;
        if (childCount > 0)
        {
            // One block: the child pointers, then the child structures they point to.
            var block = (byte*)NativeMemory.AllocZeroed((nuint)(childCount * (sizeof(CArrowSchema*) + sizeof(CArrowSchema))));
            children = (CArrowSchema**)block;
            var structs = (CArrowSchema*)(block + (childCount * sizeof(CArrowSchema*)));
            for (var i = 0; i < childCount; i++)
            {
                children[i] = structs + i;
            }
        }

        *destination = new CArrowSchema
        {
            Format = strings,
            Name = strings + formatLength + 1,
            Metadata = metadataLength > 0 ? strings + formatLength + nameLength + 2 : null,
            Flags = flags,
            NChildren = childCount,
            Children = children,
            Dictionary = null,
            Release = &Release,
            PrivateData = strings,
        };
        ExportCounters.SchemaExported();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(CArrowSchema* schema)
    {
        if (schema == null || schema->Release == null)
        {
            return;
        }

        for (long i = 0; i < schema->NChildren; i++)
        {
            // A child the consumer moved out is marked released here and lives on by itself.
            var child = schema->Children[i];
            if (child->Release != null)
            {
                child->Release(child);
            }
        }

        NativeMemory.Free(schema->Children);
        NativeMemory.Free(schema->PrivateData);
        schema->Children = null;
        schema->PrivateData = null;
        schema->Release = null;
        ExportCounters.SchemaReleased();
    }
}
