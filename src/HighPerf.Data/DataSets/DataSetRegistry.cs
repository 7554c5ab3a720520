using System.Collections.Concurrent;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data.DataSets;

/// <summary>
/// The registry of named data sets on embedded DuckDB: create, describe, count, bulk insert (JSON or Arrow IPC),
/// filtered queries, Arrow IPC streaming, Parquet export and analysis. Definitions live in the catalog table
/// <c>highperf_datasets</c> of the same database, so they survive a restart. Thread-safe; one per application.
/// Identifiers are validated and quoted, values always bound; errors are <see cref="DataSetException"/>s.
/// </summary>
public sealed partial class DataSetRegistry
{
    private const string CatalogTable = "highperf_datasets";

    private readonly DuckDbDatabase _database;
    private readonly DataSetOptions _options;
    private readonly string _exportDirectory;
    private readonly ConcurrentDictionary<string, DataSetDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _catalogLock = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Creates a registry over <paramref name="database"/>.</summary>
    /// <param name="database">The embedded database; its allowed directories must include the export folder.</param>
    /// <param name="options">The settings.</param>
    /// <param name="exportDirectory">The folder Parquet exports are written to.</param>
    public DataSetRegistry(DuckDbDatabase database, DataSetOptions options, string exportDirectory)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(exportDirectory);
        _database = database;
        _options = options;
        _exportDirectory = Path.GetFullPath(exportDirectory);
    }

    /// <summary>The store's name: <c>duckdb</c>.</summary>
    public string Store => "duckdb";

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

        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            connection.Execute("BEGIN TRANSACTION", cancellationToken);
            try
            {
                using (var insert = connection.Prepare($"INSERT INTO {CatalogTable} (name, definition) VALUES ($1, $2)"))
                {
                    insert.Bind(1, definition.Name).Bind(2, DataSetDefinitionJson.ToJson(definition));
                    insert.Execute(cancellationToken);
                }

                connection.Execute(DataSetSql.CreateTable(definition), cancellationToken);
                connection.Execute("COMMIT", cancellationToken);
            }
            catch
            {
                TryRollback(connection);
                throw;
            }
        }
        catch (DuckDbException ex) when (ex.Kind is DuckDbErrorKind.Constraint or DuckDbErrorKind.Binding)
        {
            throw new DataSetDuplicateRecordException($"A data set named '{definition.Name}' exists.", innerException: ex);
        }
        catch (DuckDbException ex)
        {
            throw StoreFailed("create the data set", ex);
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
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return connection.ExecuteScalar<long>($"SELECT count(*) FROM {DataSetIdentifiers.Quote(definition.Name)}", cancellationToken);
        }
        catch (DuckDbException ex)
        {
            throw StoreFailed("count the rows", ex);
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

            using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            connection.Execute(
                $"CREATE TABLE IF NOT EXISTS {CatalogTable} (name VARCHAR PRIMARY KEY, definition VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)",
                cancellationToken);
            var rows = connection.QueryRows($"SELECT definition FROM {CatalogTable}", static row => row.Get<string>(0), cancellationToken);
            foreach (var json in rows)
            {
                var definition = DataSetDefinitionJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
                _definitions[definition.Name] = definition;
            }

            _loaded = true;
        }
        catch (DuckDbException ex)
        {
            throw StoreFailed("read the catalog", ex);
        }
        finally
        {
            _catalogLock.Release();
        }
    }

    private static void TryRollback(DuckDbConnection connection)
    {
        try
        {
            connection.Execute("ROLLBACK");
        }
        catch (DuckDbException)
        {
            // DuckDB rolls an aborted transaction back by itself; nothing is left to undo.
        }
    }

    /// <summary>The store's error without its message (which may quote SQL), kept as the inner exception for logs.</summary>
    private static DataSetDatabaseException StoreFailed(string what, DuckDbException ex) =>
        new($"The store could not {what}.", ex, ex.IsTransient);
}
