using System.Globalization;
using System.Text;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// Opens a database with the options enforced. Start-up settings go through <c>duckdb_config</c>;
/// <c>allowed_directories</c> can only be set on a running database while external access is still
/// on, so the first connection sets it, then turns external access off and locks the configuration.
/// After that no SQL can change any of them.
/// </summary>
internal static class DatabaseSetup
{
    internal static SafeDatabaseHandle Open(DuckDbOptions options, string[] roots, out SafeConnectionHandle first, out string? connectionSetup)
    {
        connectionSetup = ConnectionSetup(options);
        var path = string.IsNullOrEmpty(options.Path) || options.Path == DuckDbOptions.InMemory
            ? DuckDbOptions.InMemory
            : Path.GetFullPath(options.Path);

        SafeDatabaseHandle database;
        using (var config = CreateConfig(options))
        {
            if (NativeMethods.OpenExt(path, out database, config, out var error) != DuckDbState.Success)
            {
                database.Dispose();
                Errors.ThrowOpen(NativeMethods.TakeString(error), path);
            }
        }

        try
        {
            first = ConnectionPool.Connect(database, null);
            try
            {
                Lock(first, options, roots, connectionSetup is not null);
                if (connectionSetup is not null)
                {
                    try
                    {
                        Run(first, connectionSetup);
                    }
                    catch (DuckDbException)
                    {
                        Errors.ThrowSetting(StreamingBufferSize, options.StreamingBufferSize!);
                    }
                }
            }
            catch
            {
                first.Dispose();
                throw;
            }
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return database;
    }

    private const string StreamingBufferSize = "streaming_buffer_size";

    /// <summary>What every connection runs when opened (DuckDB keeps these settings per connection), or null.</summary>
    private static string? ConnectionSetup(DuckDbOptions options) =>
        string.IsNullOrWhiteSpace(options.StreamingBufferSize) ? null : $"SET {StreamingBufferSize} = {Sql.Literal(options.StreamingBufferSize)}";

    /// <summary>Runs a connection's setup statement.</summary>
    internal static void Setup(SafeConnectionHandle connection, string setup) => Run(connection, setup);

    private static SafeConfigHandle CreateConfig(DuckDbOptions options)
    {
        if (NativeMethods.CreateConfig(out var config) != DuckDbState.Success)
        {
            config.Dispose();
            throw new OutOfMemoryException("DuckDB could not allocate a configuration.");
        }

        try
        {
            if (options.Threads is { } threads)
            {
                Set(config, "threads", threads.ToString(CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrWhiteSpace(options.MemoryLimit))
            {
                Set(config, "memory_limit", options.MemoryLimit);
            }

            if (!string.IsNullOrWhiteSpace(options.TempDirectory))
            {
                Set(config, "temp_directory", Path.GetFullPath(options.TempDirectory));
            }

            if (options.ReadOnly)
            {
                Set(config, "access_mode", "READ_ONLY");
            }

            // Nothing may be downloaded; parquet, json and icu are built into the library.
            Set(config, "autoinstall_known_extensions", "false");
            if (!options.EnableExternalAccess)
            {
                Set(config, "autoload_known_extensions", "false");
            }

            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }

    private static void Set(SafeConfigHandle config, string name, string value)
    {
        if (NativeMethods.SetConfig(config, name, value) != DuckDbState.Success)
        {
            Errors.ThrowSetting(name, value);
        }
    }

    private static void Lock(SafeConnectionHandle connection, DuckDbOptions options, string[] roots, bool setsStreamingBuffer)
    {
        if (!string.IsNullOrWhiteSpace(options.TimeZone))
        {
            Run(connection, "SET GLOBAL TimeZone = " + Sql.Literal(options.TimeZone));
        }

        if (!options.EnableExternalAccess)
        {
            if (roots.Length > 0)
            {
                Run(connection, "SET allowed_directories = " + ListLiteral(roots));
            }

            Run(connection, "SET enable_external_access = false");
        }

        // Connection settings must stay settable after the lock: each new connection of the pool sets them.
        var unlocked = new List<string>(options.UnlockedSettings);
        if (setsStreamingBuffer && !unlocked.Contains(StreamingBufferSize))
        {
            unlocked.Add(StreamingBufferSize);
        }

        if (unlocked.Count > 0)
        {
            foreach (var name in unlocked)
            {
                if (string.IsNullOrEmpty(name) || !IsSettingName(name))
                {
                    throw new ArgumentException($"'{name}' is not a DuckDB setting name.", nameof(options));
                }
            }

            Run(connection, "SET allowed_configs = " + ListLiteral(unlocked));
        }

        Run(connection, "SET lock_configuration = true");
    }

    private static void Run(SafeConnectionHandle connection, string sql)
    {
        using var result = SafeResultHandle.Allocate();
        if (NativeMethods.Query(connection, sql, result) != DuckDbState.Success)
        {
            Errors.ThrowResult(result, CancellationToken.None);
        }
    }

    /// <summary>A DuckDB list of string literals: <c>['a', 'b''c']</c>.</summary>
    internal static string ListLiteral(IEnumerable<string> values)
    {
        var sql = new StringBuilder("[");
        foreach (var value in values)
        {
            if (sql.Length > 1)
            {
                sql.Append(", ");
            }

            sql.Append(Sql.Literal(value));
        }

        return sql.Append(']').ToString();
    }

    private static bool IsSettingName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
