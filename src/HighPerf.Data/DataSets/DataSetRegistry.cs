using System.Collections.Concurrent;
using HighPerf.Data.DataSets.Sql;
using HighPerf.Data.DataSets.Stores;

namespace HighPerf.Data.DataSets;

/// <summary>
/// The registry of named data sets, on embedded DuckDB or on PostgreSQL (<see cref="Store"/> says which): create,
/// describe, count, bulk insert (JSON or Arrow IPC), filtered queries, Arrow IPC streaming, Parquet export and
/// analysis. Definitions live in the catalog table <c>highperf_datasets</c> of the same store, so they survive a
/// restart. Thread-safe; one per application. Identifiers are validated and quoted, values always bound; errors are
/// <see cref="DataSetException"/>s, the same on either store.
/// </summary>
public sealed partial class DataSetRegistry
{
    private readonly DataSetStore _store;
    private readonly DataSetOptions _options;
    private readonly string _exportDirectory;
    private readonly ConcurrentDictionary<string, DataSetDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _catalogLock = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Creates a registry whose data sets live in the embedded <paramref name="database"/>.</summary>
    /// <param name="database">The embedded database; its allowed directories must include the export folder.</param>
    /// <param name="options">The settings.</param>
    /// <param name="exportDirectory">The folder Parquet exports are written to.</param>
    public DataSetRegistry(DuckDbDatabase database, DataSetOptions options, string exportDirectory)
        : this(new DuckDbDataSetStore(database ?? throw new ArgumentNullException(nameof(database))), options, exportDirectory)
    {
    }

    /// <summary>
    /// Creates a registry whose data sets live in PostgreSQL, reached through <paramref name="postgres"/>; the embedded
    /// <paramref name="database"/> only writes Parquet exports (of rows read from PostgreSQL as Arrow).
    /// </summary>
    /// <param name="postgres">The PostgreSQL Arrow bridge.</param>
    /// <param name="database">The embedded database that writes exports; its allowed directories must include the export folder.</param>
    /// <param name="options">The settings.</param>
    /// <param name="exportDirectory">The folder Parquet exports are written to.</param>
    public DataSetRegistry(PostgresArrowClient postgres, DuckDbDatabase database, DataSetOptions options, string exportDirectory)
        : this(new PostgresDataSetStore(
            postgres ?? throw new ArgumentNullException(nameof(postgres)),
            database ?? throw new ArgumentNullException(nameof(database))), options, exportDirectory)
    {
    }

    private DataSetRegistry(DataSetStore store, DataSetOptions options, string exportDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(exportDirectory);
        _store = store;
        _options = options;
        _exportDirectory = Path.GetFullPath(exportDirectory);
    }

    /// <summary>The store's name: <c>duckdb</c> or <c>postgres</c>.</summary>
    public string Store => _store.Name;

    /// <summary>The folder Parquet exports are written to.</summary>
    public string ExportDirectory => _exportDirectory;

    /// <summary>Creates a data set: validates the definition, creates its table with the keys, and records it in the catalog.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="cancellationToken">Stops the wait for a connection.</param>
    /// <exception cref="DataSetSchemaValidationException">The definition breaks a rule.</exception>
    /// <exception cref="DataSetDuplicateRecordException">A data set of that name exists.</exception>
    public async Task CreateAsync(DataSetDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        if (_definitions.ContainsKey(definition.Name))
        {
            throw new DataSetDuplicateRecordException($"A data set named '{definition.Name}' exists.");
        }

        try
        {
            await _store.CreateAsync(definition, DataSetDefinitionJson.ToJson(definition), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("create the data set", ex, transient);
        }

        _definitions[definition.Name] = definition;
    }

    /// <summary>The definition of the data set <paramref name="name"/>.</summary>
    /// <param name="name">The data set's name.</param>
    /// <param name="cancellationToken">Stops the wait for the catalog.</param>
    /// <exception cref="DataSetNotFoundException">No data set has that name (or the name is not a valid identifier).</exception>
    public async ValueTask<DataSetDefinition> GetDefinitionAsync(string name, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return name is not null && _definitions.TryGetValue(name, out var definition)
            ? definition
            : throw new DataSetNotFoundException(DataSetIdentifiers.ForMessage(name));
    }

    /// <summary>The definition and row count of a data set.</summary>
    /// <param name="name">The data set's name.</param>
    /// <param name="cancellationToken">Interrupts the count.</param>
    /// <exception cref="DataSetNotFoundException">No data set has that name.</exception>
    public async Task<DataSetDescription> DescribeAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        return new DataSetDescription(definition, await CountAsync(name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The rows of a data set.</summary>
    /// <param name="name">The data set's name.</param>
    /// <param name="cancellationToken">Interrupts the count.</param>
    /// <exception cref="DataSetNotFoundException">No data set has that name.</exception>
    public async Task<long> CountAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await _store.QueryRowsAsync(
                $"SELECT count(*) FROM {DataSetIdentifiers.Quote(definition.Name)}", [], Int64Mapper.Instance, cancellationToken).ConfigureAwait(false);
            return rows[0];
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("count the rows", ex, transient);
        }
    }

    /// <summary>The names of every data set.</summary>
    /// <param name="cancellationToken">Stops the wait for the catalog.</param>
    public async ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>(_definitions.Keys);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _catalogLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            foreach (var json in await _store.ReadCatalogAsync(cancellationToken).ConfigureAwait(false))
            {
                var definition = DataSetDefinitionJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
                _definitions[definition.Name] = definition;
            }

            _loaded = true;
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("read the catalog", ex, transient);
        }
        finally
        {
            _catalogLock.Release();
        }
    }

    /// <summary>The store's error without its message (which may quote SQL), kept as the inner exception for logs.</summary>
    private static DataSetDatabaseException StoreFailed(string what, Exception ex, bool transient) =>
        new($"The store could not {what}.", ex, transient);

    /// <summary>Reads column 0 as a long.</summary>
    private sealed class Int64Mapper : IRowMapper<long>
    {
        internal static readonly Int64Mapper Instance = new();

        public long Map<TRow>(TRow row)
            where TRow : ISqlRow, allows ref struct => row.GetInt64(0);
    }
}
