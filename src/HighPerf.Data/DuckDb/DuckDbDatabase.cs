using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// An embedded DuckDB database with its settings enforced (threads, memory limit, temp folder, external
/// access off unless allowed) and a pool of connections. Thread-safe; usually one per application,
/// registered by <c>AddHighPerfDuckDb()</c>.
/// </summary>
/// <example>
/// <code>
/// using var db = DuckDbDatabase.Open(new DuckDbOptions { AllowedDirectories = ["/srv/exports"] });
/// using var connection = db.OpenConnection();
/// connection.Execute("CREATE TABLE t AS SELECT range AS id FROM range(10)");
/// long count = connection.ExecuteScalar&lt;long&gt;("SELECT count(*) FROM t");
/// </code>
/// </example>
public sealed class DuckDbDatabase : IDisposable, IAsyncDisposable
{
    private readonly ConnectionPool _pool;
    private readonly SafeDatabaseHandle _handle;
    private readonly string[] _exportRoots;
    private readonly ArrowTables _arrowTables = new();

    private DuckDbDatabase(ConnectionPool pool, SafeDatabaseHandle handle, string[] exportRoots, string path)
    {
        _pool = pool;
        _handle = handle;
        _exportRoots = exportRoots;
        Path = path;
    }

    /// <summary>The version of the loaded libduckdb, e.g. <c>v1.5.6</c>.</summary>
    public static string LibraryVersion => NativeMethods.ReadString(NativeMethods.LibraryVersion()) ?? string.Empty;

    /// <summary>The database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>The export folders as resolved when the database opened (symbolic links followed).</summary>
    public IReadOnlyList<string> AllowedDirectories => _exportRoots;

    internal ConnectionPool Pool => _pool;

    /// <summary>Opens (or creates) a database with <paramref name="options"/> applied and locked.</summary>
    /// <param name="options">The settings; see <see cref="DuckDbOptions"/> for defaults.</param>
    /// <returns>The open database; dispose it to close.</returns>
    /// <exception cref="DuckDbException">DuckDB refused a setting or could not open the file (kind <see cref="DuckDbErrorKind.Open"/>).</exception>
    public static DuckDbDatabase Open(DuckDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "DuckDbOptions.Threads must be at least 1.");
        }

        if (options.MaxPoolSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPoolSize, "DuckDbOptions.MaxPoolSize must be at least 1.");
        }

        var roots = ExportPaths.ResolveRoots(options.AllowedDirectories);
        var database = DatabaseSetup.Open(options, roots, out var first, out var connectionSetup);
        var path = string.IsNullOrEmpty(options.Path) || options.Path == DuckDbOptions.InMemory ? DuckDbOptions.InMemory : System.IO.Path.GetFullPath(options.Path);
        return new DuckDbDatabase(new ConnectionPool(database, options.MaxPoolSize, first, connectionSetup), database, roots, path);
    }

    /// <summary>
    /// Takes a connection from the pool for the caller's exclusive use; dispose it to give it back. Waits
    /// while <see cref="DuckDbOptions.MaxPoolSize"/> connections are out.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait for a free connection.</param>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    public DuckDbConnection OpenConnection(CancellationToken cancellationToken = default) =>
        new(this, _pool.Rent(cancellationToken));

    /// <summary>Like <see cref="OpenConnection"/>, waiting asynchronously for a free connection.</summary>
    /// <param name="cancellationToken">Stops the wait for a free connection.</param>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    public async ValueTask<DuckDbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        new(this, await _pool.RentAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Runs SQL (one or more statements) on a pooled connection; see <see cref="DuckDbConnection.Execute"/>.</summary>
    /// <param name="sql">The SQL.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    /// <returns>The rows the last statement changed.</returns>
    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection(cancellationToken);
        return connection.Execute(sql, cancellationToken);
    }

    /// <summary>The first column of the first row, on a pooled connection; see <see cref="DuckDbConnection.ExecuteScalar{T}"/>.</summary>
    /// <typeparam name="T">The .NET type to read as.</typeparam>
    /// <param name="sql">A single statement.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    public T? ExecuteScalar<T>(string sql, CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection(cancellationToken);
        return connection.ExecuteScalar<T>(sql, cancellationToken);
    }

    /// <summary>Writes a query's result to a Parquet file inside an allowed folder, on a pooled connection; see <see cref="DuckDbConnection.ExportParquet"/>.</summary>
    /// <param name="query">The query whose rows to write, e.g. <c>SELECT * FROM events</c>.</param>
    /// <param name="path">The file to write, inside one of <see cref="AllowedDirectories"/>.</param>
    /// <param name="compression">The Parquet codec; default zstd.</param>
    /// <param name="cancellationToken">Interrupts the export.</param>
    /// <returns>The number of rows written.</returns>
    public long ExportParquet(string query, string path, ParquetCompression compression = ParquetCompression.Zstd, CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection(cancellationToken);
        return connection.ExportParquet(query, path, compression, cancellationToken);
    }

    /// <summary>
    /// Registers Arrow record batches (for example rows read from PostgreSQL) as a table that every connection can
    /// query by <paramref name="name"/>; DuckDB scans the batches' memory in place, on its own threads.
    /// </summary>
    /// <param name="name">The table's name, used as <c>FROM name</c> (unless a real table has that name) or <c>FROM highperf_arrow_scan('name')</c>.</param>
    /// <param name="schema">The batches' schema.</param>
    /// <param name="batches">The rows; the table takes them over and disposes them when it is unregistered and no query uses them.</param>
    /// <returns>The registration; dispose it to unregister.</returns>
    /// <exception cref="ArgumentException">A batch does not have <paramref name="schema"/>'s column types, or the name is taken.</exception>
    public DuckDbArrowTable RegisterArrowTable(string name, Arrow.Schema schema, IEnumerable<Arrow.RecordBatch> batches) =>
        RegisterArrowTable(name, schema, batches, ownsBatches: true);

    internal DuckDbArrowTable RegisterArrowTable(string name, Arrow.Schema schema, IEnumerable<Arrow.RecordBatch> batches, bool ownsBatches)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        if (_pool.IsDisposed)
        {
            Errors.ThrowDisposed(nameof(DuckDbDatabase));
        }

        Arrow.RecordBatch[] all = [.. batches];
        foreach (var batch in all)
        {
            if (batch.ColumnCount != schema.Fields.Count)
            {
                throw new ArgumentException($"A batch has {batch.ColumnCount} columns but the schema has {schema.Fields.Count}.", nameof(batches));
            }

            for (var i = 0; i < batch.ColumnCount; i++)
            {
                if (!batch.Column(i).Type.Equals(schema.Fields[i].Type))
                {
                    throw new ArgumentException($"Column {i} of a batch is {batch.Column(i).Type} but the schema says {schema.Fields[i].Type}.", nameof(batches));
                }
            }
        }

        return new DuckDbArrowTable(_arrowTables, _arrowTables.Register(_handle, name, schema, all, ownsBatches));
    }

    internal string ResolveExportPath(string path) => ExportPaths.ResolveInside(path, _exportRoots);

    /// <summary>
    /// Closes the idle connections; leased ones close when they are given back, and the database itself
    /// after the last one. Any use afterwards throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (!_pool.IsDisposed)
        {
            _arrowTables.Dispose();
            _pool.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
