using System.Diagnostics;
using System.IO.Pipelines;
using HighPerf.Data.DataSets.Bulk;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>
    /// Inserts a JSON array of records, parsed as it arrives straight into Arrow columns (validated and cast against
    /// the data set's columns), all or nothing: a bad record fails with <see cref="DataSetInvalidDataException"/>
    /// naming its index and column, a key violation with <see cref="DataSetDuplicateRecordException"/> naming the
    /// first duplicate record; either way nothing is stored.
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="cancellationToken">Stops reading and interrupts the insert (nothing is stored).</param>
    /// <returns>The rows inserted and the time taken.</returns>
    public async Task<DataSetBulkResult> InsertJsonAsync(string name, PipeReader body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var inserted = await _store.InsertJsonAsync(definition, body, _options, cancellationToken).ConfigureAwait(false);
            return new DataSetBulkResult(inserted, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("insert the rows", ex, transient);
        }
    }

    /// <summary>Like <see cref="InsertJsonAsync(string, PipeReader, CancellationToken)"/> from a stream.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="cancellationToken">Stops reading and interrupts the insert.</param>
    public async Task<DataSetBulkResult> InsertJsonAsync(string name, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true));
        try
        {
            return await InsertJsonAsync(name, reader, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Gives the reader's pooled buffers back; the stream stays open.
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Inserts an Arrow IPC stream whose fields are columns of the data set (by name, any order; nullable columns may
    /// be absent), all or nothing. Field types must fit the columns (<see cref="DataSetTypeMap.Accepts"/>).
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="body">The Arrow IPC stream.</param>
    /// <param name="cancellationToken">Stops reading and interrupts the insert.</param>
    /// <exception cref="DataSetInvalidDataException">The stream is malformed, a field is not a column or has the wrong type, or a required value is null (nothing stored).</exception>
    public async Task<DataSetBulkResult> InsertArrowAsync(string name, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var reader = await ArrowBodyReader.OpenAsync(definition, body, _options.MaxBulkRows, cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        try
        {
            var inserted = await _store.InsertArrowAsync(definition, reader, cancellationToken).ConfigureAwait(false);
            return new DataSetBulkResult(inserted, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("insert the rows", ex, transient);
        }
    }
}
