using HighPerf.Data.Arrow.CData;

namespace HighPerf.Data.Arrow;

/// <summary>
/// The Arrow C Data Interface (and C Stream Interface): hands schemas, arrays, record batches and streams of
/// batches to native code, and takes them from it, without copying buffers.
/// <para>Export: the destination structure is the caller's (stack or native heap); the exported buffers stay
/// alive until the consumer calls its release callback, even if the .NET objects are disposed first. Every
/// node, children included, has its own release callback, so a consumer may move children out.</para>
/// <para>Import: takes ownership of the structure (it is moved and marked released); the producer's release
/// callback runs exactly once, for schemas at once (they are copied), for arrays when the last array
/// using the memory is disposed.</para>
/// </summary>
public static unsafe class ArrowCData
{
    /// <summary>Exports a schema as a struct type (<c>+s</c>) whose children are the fields.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="destination">An unused structure to fill.</param>
    public static void ExportSchema(Schema schema, CArrowSchema* destination)
    {
        ArgumentNullException.ThrowIfNull(schema);
        SchemaExporter.ExportSchema(schema, CheckDestination(destination));
    }

    /// <summary>Exports one field (name, type, nullability, metadata).</summary>
    /// <param name="field">The field.</param>
    /// <param name="destination">An unused structure to fill.</param>
    public static void ExportField(Field field, CArrowSchema* destination)
    {
        ArgumentNullException.ThrowIfNull(field);
        SchemaExporter.ExportField(field, CheckDestination(destination));
    }

    /// <summary>Exports a type alone (no name, nullable).</summary>
    /// <param name="type">The type.</param>
    /// <param name="destination">An unused structure to fill.</param>
    public static void ExportType(ArrowType type, CArrowSchema* destination)
    {
        ArgumentNullException.ThrowIfNull(type);
        SchemaExporter.ExportType(type, CheckDestination(destination));
    }

    /// <summary>Exports an array; the array stays the caller's to dispose.</summary>
    /// <param name="array">The array.</param>
    /// <param name="destination">An unused structure to fill.</param>
    public static void ExportArray(ArrowArray array, CArrowArray* destination)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArrayExporter.ExportArray(array, CheckDestination(destination));
    }

    /// <summary>Exports a record batch as a struct array whose children are the columns; the batch stays the caller's to dispose.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="destination">An unused structure to fill.</param>
    public static void ExportRecordBatch(RecordBatch batch, CArrowArray* destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArrayExporter.ExportRecordBatch(batch, CheckDestination(destination));
    }

    /// <summary>
    /// Exports a stream that yields <paramref name="batches"/> one by one as the consumer calls <c>get_next</c>.
    /// The enumerator runs on the consumer's thread, under a lock; an exception it throws becomes an error
    /// code with its message. Releasing the stream disposes the enumerator.
    /// </summary>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="batches">The batches; each must have <paramref name="schema"/>'s column types.</param>
    /// <param name="destination">An unused structure to fill.</param>
    /// <param name="disposeBatches">Whether each batch is disposed once exported (default <see langword="true"/>: the exported copy keeps the memory alive).</param>
    public static void ExportStream(Schema schema, IEnumerable<RecordBatch> batches, CArrowArrayStream* destination, bool disposeBatches = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        StreamExporter.Export(schema, batches, disposeBatches, CheckDestination(destination));
    }

    /// <summary>Imports a record batch schema (a struct type) and releases the structure.</summary>
    /// <param name="schema">A live structure; it is released even when the import fails.</param>
    /// <exception cref="ArrowFormatException">The schema is not a struct or uses a type that is not supported.</exception>
    public static Schema ImportSchema(CArrowSchema* schema)
    {
        try
        {
            return SchemaImporter.ImportSchema(schema);
        }
        finally
        {
            CArrowSchema.Free(schema);
        }
    }

    /// <summary>Imports one field and releases the structure.</summary>
    /// <param name="schema">A live structure; it is released even when the import fails.</param>
    /// <exception cref="ArrowFormatException">The field uses a type that is not supported.</exception>
    public static Field ImportField(CArrowSchema* schema)
    {
        try
        {
            return SchemaImporter.ImportField(schema);
        }
        finally
        {
            CArrowSchema.Free(schema);
        }
    }

    /// <summary>Imports an array of <paramref name="type"/>, taking ownership of the structure.</summary>
    /// <param name="array">A live structure; it is moved (or released when the import fails).</param>
    /// <param name="type">The type the array holds (from its schema).</param>
    public static ArrowArray ImportArray(CArrowArray* array, ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ArrayImporter.ImportArray(array, type);
    }

    /// <summary>
    /// Imports a record batch (a struct array) of <paramref name="schema"/>, taking ownership of the structure.
    /// Each column owns its share of the producer's memory, so columns can be disposed one by one.
    /// </summary>
    /// <param name="array">A live structure; it is moved (or released when the import fails).</param>
    /// <param name="schema">The batch's schema (from <see cref="ImportSchema"/>).</param>
    public static RecordBatch ImportRecordBatch(CArrowArray* array, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ArrayImporter.ImportRecordBatch(array, schema);
    }

    /// <summary>Imports a stream, taking ownership of the structure, and reads its schema.</summary>
    /// <param name="stream">A live structure; it is moved (or released when reading the schema fails).</param>
    public static ImportedArrowStream ImportStream(CArrowArrayStream* stream) => new(stream);

    private static T* CheckDestination<T>(T* destination)
        where T : unmanaged
    {
        if (destination == null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        return destination;
    }
}
