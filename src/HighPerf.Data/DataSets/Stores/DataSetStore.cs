using System.IO.Pipelines;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Bulk;
using HighPerf.Data.DataSets.Sql;

namespace HighPerf.Data.DataSets.Stores;

/// <summary>
/// Where a <see cref="DataSetRegistry"/> keeps its data sets. The registry owns what is the same on every store
/// (validation, the catalog cache, filters, paging, analysis SQL, result shapes); a store only runs SQL in its
/// dialect and moves rows in and out.
/// </summary>
internal abstract class DataSetStore
{
    /// <summary>The table that holds every definition, in the store itself so they survive a restart.</summary>
    internal const string CatalogTable = "highperf_datasets";

    /// <summary>The store's name as <see cref="DataSetRegistry.Store"/> reports it.</summary>
    internal abstract string Name { get; }

    internal abstract SqlDialect Dialect { get; }

    /// <summary>Creates the catalog table when missing and returns every stored definition's JSON.</summary>
    internal abstract Task<List<string>> ReadCatalogAsync(CancellationToken cancellationToken);

    /// <summary>Records the definition and creates its table, atomically.</summary>
    /// <exception cref="DataSetDuplicateRecordException">A data set or table of that name exists.</exception>
    internal abstract Task CreateAsync(DataSetDefinition definition, string definitionJson, CancellationToken cancellationToken);

    /// <summary>Inserts a JSON array of records, all or nothing.</summary>
    internal abstract Task<long> InsertJsonAsync(DataSetDefinition definition, PipeReader body, DataSetOptions options, CancellationToken cancellationToken);

    /// <summary>Inserts the batches of an Arrow IPC body whose schema was checked, all or nothing.</summary>
    internal abstract Task<long> InsertArrowAsync(DataSetDefinition definition, ArrowBodyReader body, CancellationToken cancellationToken);

    /// <summary>The rows of one SELECT as Arrow batches, each the caller's to dispose, read as the store produces them.</summary>
    internal abstract IAsyncEnumerable<RecordBatch> ReadAsync(string sql, IReadOnlyList<SqlValue> parameters, CancellationToken cancellationToken);

    /// <summary>The rows of a small SELECT, each turned into <typeparamref name="T"/> by <paramref name="mapper"/>.</summary>
    internal abstract Task<List<T>> QueryRowsAsync<T>(string sql, IReadOnlyList<SqlValue> parameters, IRowMapper<T> mapper, CancellationToken cancellationToken);

    /// <summary>Writes the rows of <paramref name="query"/> (over the data set's table) to a Parquet file at <paramref name="path"/>.</summary>
    internal abstract Task<long> ExportParquetAsync(DataSetDefinition definition, string query, string path, ParquetCompression compression, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is this store's own failure (to be reported as a database error), and whether it is transient.</summary>
    internal abstract bool IsStoreFailure(Exception exception, out bool transient);
}
