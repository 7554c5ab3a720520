using HighPerf.Data.Arrow;
using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>The result as Arrow record batches, handed over through the C Data Interface.</summary>
public sealed unsafe partial class DuckDbResult
{
    private SafeArrowOptionsHandle? _arrowOptions;
    private Schema? _arrowSchema;
    private ArrowChunkReader? _arrowReader;
    private bool _arrowReaderChosen;

    /// <summary>
    /// The result's Arrow schema as DuckDB maps its types (BIGINT to int64, VARCHAR to utf8, DECIMAL to decimal128,
    /// TIMESTAMPTZ to timestamp[us, tz=the session's TimeZone], ...).
    /// </summary>
    /// <exception cref="ArrowFormatException">A column has a type this Arrow implementation does not support (e.g. LIST, INTERVAL).</exception>
    public Schema ArrowSchema => _arrowSchema ??= ReadArrowSchema();

    /// <summary>
    /// Reads the next chunk as an Arrow record batch (up to 2,048 rows). The batch is the caller's to dispose
    /// and stays valid after the result is disposed.
    /// </summary>
    /// <returns>The batch, or <see langword="null"/> at the end of the result.</returns>
    /// <exception cref="DuckDbException">The query failed while producing this chunk.</exception>
    /// <exception cref="OperationCanceledException">The query's token was cancelled.</exception>
    public RecordBatch? ReadArrowBatch() => ReadArrowBatch(DuckDbChunk.Capacity);

    /// <summary>
    /// Reads the next chunks into one Arrow record batch of up to <paramref name="maxRows"/> rows (fewer at the
    /// end, or when the next chunk would not fit). Columns of the common types (integers, floating point,
    /// booleans, decimals, dates, timestamps, text, blobs, JSON) are copied straight from DuckDB's vectors;
    /// a result with another type (UUID, HUGEINT, ...) is converted by DuckDB itself, one chunk per batch, so
    /// there a batch holds at most 2,048 rows. The batch is the caller's to dispose and stays valid after the
    /// result is disposed.
    /// </summary>
    /// <param name="maxRows">The most rows in one batch, at least <see cref="DuckDbChunk.Capacity"/> (one chunk is never split).</param>
    /// <returns>The batch, or <see langword="null"/> at the end of the result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is less than <see cref="DuckDbChunk.Capacity"/>.</exception>
    /// <exception cref="DuckDbException">The query failed while producing a chunk.</exception>
    /// <exception cref="OperationCanceledException">The query's token was cancelled.</exception>
    public RecordBatch? ReadArrowBatch(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, DuckDbChunk.Capacity);
        var schema = ArrowSchema;
        if (!_arrowReaderChosen)
        {
            _arrowReader = ArrowChunkReader.TryCreate(schema, _columns);
            _arrowReaderChosen = true;
        }

        return _arrowReader is { } reader ? ReadGathered(reader, maxRows) : ReadConvertedByDuckDb();
    }

    private RecordBatch? ReadGathered(ArrowChunkReader reader, int maxRows)
    {
        try
        {
            while (reader.Length < maxRows && FetchNext() is { } chunk)
            {
                // Held as pending until it is appended: a chunk the batch has no room for is read first next time.
                _pending = chunk;
                if (!reader.TryAppend(chunk.DangerousGetHandle(), maxRows))
                {
                    break;
                }

                _pending = null;
                chunk.Dispose();
            }
        }
        catch
        {
            // The query failed or was cancelled part way through a batch: none of its rows are handed out later.
            reader.Reset();
            _pending?.Dispose();
            _pending = null;
            throw;
        }

        return reader.Length == 0 ? null : reader.Build();
    }

    /// <summary>DuckDB's own conversion (<c>duckdb_data_chunk_to_arrow</c>), one chunk per batch; the tests hold the copy to it.</summary>
    internal RecordBatch? ReadConvertedByDuckDb()
    {
        var schema = ArrowSchema;
        using var chunk = FetchNext();
        if (chunk is null)
        {
            return null;
        }

        CArrowArray array = default;
        Errors.ThrowIfError(NativeMethods.DataChunkToArrow(_arrowOptions!, chunk.DangerousGetHandle(), &array), "DuckDB could not convert a chunk to Arrow.");
        return ArrowCData.ImportRecordBatch(&array, schema);
    }

    private Schema ReadArrowSchema()
    {
        var result = Result;
        _arrowOptions ??= NativeMethods.ResultGetArrowOptions(result);
        var count = _columns.Length;
        var types = new SafeLogicalTypeHandle[count];
        var names = new IntPtr[count];
        try
        {
            var rawTypes = stackalloc IntPtr[Math.Max(count, 1)];
            var rawNames = stackalloc byte*[Math.Max(count, 1)];
            for (var i = 0; i < count; i++)
            {
                types[i] = NativeMethods.ColumnLogicalType(result, (ulong)i);
                rawTypes[i] = types[i].DangerousGetHandle();
                names[i] = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8(_columns[i].Name);
                rawNames[i] = (byte*)names[i];
            }

            CArrowSchema schema = default;
            Errors.ThrowIfError(NativeMethods.ToArrowSchema(_arrowOptions, rawTypes, rawNames, (ulong)count, &schema), "DuckDB could not describe the result in Arrow.");
            return ArrowCData.ImportSchema(&schema);
        }
        finally
        {
            foreach (var type in types)
            {
                type?.Dispose();
            }

            foreach (var name in names)
            {
                System.Runtime.InteropServices.Marshal.FreeCoTaskMem(name);
            }
        }
    }
}
