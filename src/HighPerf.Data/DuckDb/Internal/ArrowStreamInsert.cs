using HighPerf.Data.Arrow;
using HighPerf.Data.Arrow.CData;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// Record batches inserted by DuckDB itself, in parallel and in order: they go out as a C stream (their buffers are
/// read in place), DuckDB's own <c>arrow_scan</c> reads the stream through a view, and one
/// <c>INSERT INTO target SELECT * FROM view</c> copies them in. DuckDB inserts on all its threads while keeping the
/// rows' order only from a scan that numbers its batches, which <c>arrow_scan</c> does and a C API table function
/// cannot; that is why this does not go through <see cref="ArrowTables"/>.
/// </summary>
internal static unsafe class ArrowStreamInsert
{
    // The C Data Interface's extension type keys (Arrow's canonical extension "arrow.json").
    private const string ExtensionName = "ARROW:extension:name";
    private const string ExtensionMetadata = "ARROW:extension:metadata";
    private const string JsonExtension = "arrow.json";

    /// <summary>
    /// The rows of one exported array, DuckDB's row group size: <c>arrow_scan</c> gives each thread whole arrays, so a
    /// single large batch goes out in windows for every thread to have work.
    /// </summary>
    private const int RowGroupRows = 122_880;

    /// <summary>
    /// Runs the insert inside the transaction open on <paramref name="connection"/>, which the caller rolls back when
    /// this throws: the view is made and dropped in it, so it is never committed and never seen by another connection.
    /// </summary>
    /// <param name="connection">An entered connection with an open transaction.</param>
    /// <param name="target">The table, quoted.</param>
    /// <param name="schema">The batches' columns: in the table's order (names not used), or named as in <paramref name="columns"/>.</param>
    /// <param name="batches">The rows; they stay the caller's.</param>
    /// <param name="cancellationToken">Interrupts the insert.</param>
    /// <param name="columns">A quoted column list, inserted from the batches' columns of those names; all columns by position when <see langword="null"/>.</param>
    /// <returns>The number of rows inserted.</returns>
    internal static long Run(SafeConnectionHandle connection, string target, Schema schema, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken, string? columns = null)
    {
        var view = "highperf_insert_" + Guid.NewGuid().ToString("N");
        CArrowArrayStream stream;
        StreamExporter.Export(schema, batches, disposeBatches: false, &stream, RowGroupRows);
        try
        {
            if (NativeMethods.ArrowScan(connection, view, &stream) != DuckDbState.Success)
            {
                throw new DuckDbException(DuckDbErrorKind.Binding, "DuckDB could not read the Arrow batches' schema.");
            }

            // A failed insert aborts the transaction, and its rollback removes the view.
            long inserted;
            var insert = columns is null
                ? $"INSERT INTO {target} SELECT * FROM {Sql.Identifier(view)}"
                : $"INSERT INTO {target} ({columns}) SELECT {columns} FROM {Sql.Identifier(view)}";
            using (var result = DuckDbConnection.RunQuery(connection, insert, cancellationToken))
            {
                inserted = (long)NativeMethods.RowsChanged(result);
            }

            // The view points at this method's stack: it must be gone before the transaction can commit.
            using (DuckDbConnection.RunQuery(connection, $"DROP VIEW {Sql.Identifier(view)}", CancellationToken.None))
            {
            }

            return inserted;
        }
        finally
        {
            if (stream.Release != null)
            {
                stream.Release(&stream);
            }
        }
    }

    /// <summary>
    /// The schema the stream is exported with: the batches' types under positional names (so that duplicate or empty
    /// names cannot trouble the view), with the columns named in <paramref name="json"/> tagged as Arrow's JSON
    /// extension, which DuckDB reads as its JSON type as is, where plain text would be cast and parsed.
    /// </summary>
    internal static Schema Positional(Schema schema, ReadOnlySpan<bool> json = default)
    {
        var fields = schema.FieldSpan;
        var positional = new Field[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var name = "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            positional[i] = i < json.Length && json[i]
                ? new Field(name, field.Type, field.IsNullable, [new(ExtensionName, JsonExtension), new(ExtensionMetadata, string.Empty)])
                : new Field(name, field.Type, field.IsNullable);
        }

        return new Schema(positional);
    }
}
