using System.Globalization;
using HighPerf.Testing.Native;
using Npgsql;

namespace HighPerf.Testing;

/// <summary>
/// A private PostgreSQL server for tests: a fresh cluster in a temporary folder, run as a child process on
/// a free loopback port, tuned for speed over durability (fsync, synchronous_commit and full_page_writes off).
/// Trust authentication; the superuser is <see cref="SuperUser"/>. Stop it with <see cref="StopAsync"/> or
/// <see cref="DisposeAsync"/>; one that outlives a crashed test run is removed by the next run's first start.
/// Most tests should share one through <see cref="SharedServers.PostgresAsync"/> or <see cref="PostgresFixture"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable naming the folder that holds <c>initdb</c> and <c>postgres</c>, overriding the search.</summary>
    public const string BinDirectoryVariable = "HIGHPERF_PG_BIN";

    /// <summary>The superuser initdb creates; the connection strings log in as it.</summary>
    public const string SuperUser = "postgres";

    internal const string FolderKind = "postgres";

    private const int StartAttempts = 3;
    private static readonly TimeSpan _initDbTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(10);

    private readonly ServerFolder _folder;
    private readonly ServerProcess _process;
    private readonly OutputTail _output;
    private readonly Lock _stopLock = new();
    private Task? _stopping;

    private PostgresServer(ServerFolder folder, ServerProcess process, OutputTail output, int port, int processId)
    {
        _folder = folder;
        _process = process;
        _output = output;
        Port = port;
        ProcessId = processId;
        ConnectionString = GetConnectionString("postgres");
    }

    /// <summary>The address the server listens on: 127.0.0.1.</summary>
    public string Host => Loopback.Host;

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string to the <c>postgres</c> database as <see cref="SuperUser"/>, with Npgsql's default pooling.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's temporary folder (data directory and unix socket inside); deleted by <see cref="StopAsync"/>.</summary>
    public string FolderPath => _folder.Path;

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; }

    /// <summary>
    /// Creates a cluster with initdb and starts postgres on it, waiting until it accepts connections.
    /// </summary>
    /// <param name="cancellationToken">Abandons the start; whatever was started is stopped and deleted.</param>
    /// <exception cref="FileNotFoundException">The PostgreSQL programs are not installed.</exception>
    /// <exception cref="InvalidOperationException">initdb failed or the server did not come up; the message holds its output.</exception>
    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(durable: false, cancellationToken);

    /// <summary>
    /// Like <see cref="StartAsync(CancellationToken)"/>; with <paramref name="durable"/> the server keeps PostgreSQL's
    /// durable defaults (fsync, synchronous_commit and full_page_writes on), for benchmarks that must pay for them.
    /// </summary>
    /// <param name="durable">Whether commits are flushed to disk as on a production server.</param>
    /// <param name="cancellationToken">Abandons the start; whatever was started is stopped and deleted.</param>
    public static async Task<PostgresServer> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var user = PostgresUser.Resolve(binaries);
        var folder = ServerFolder.Create(FolderKind);
        var output = new OutputTail();
        ServerProcess? process = null;
        try
        {
            var dataDirectory = Path.Combine(folder.Path, "data");
            var socketDirectory = Directory.CreateDirectory(Path.Combine(folder.Path, "socket")).FullName;
            user.TakeOwnership(folder.Path);
            user.TakeOwnership(socketDirectory);

            await InitDbAsync(binaries, user, folder, dataDirectory, output, cancellationToken);

            for (var attempt = 1; ; attempt++)
            {
                var port = Loopback.FreePort();
                output.BeginSection();
                var (fileName, arguments) = user.Command(binaries.Postgres, ServerArguments(dataDirectory, socketDirectory, port, durable));
                process = ServerProcess.Start(fileName, arguments, folder.Path, output);
                folder.WriteServerPid(process.Id);

                if (await WaitUntilReadyAsync(process, port, dataDirectory, cancellationToken))
                {
                    var processId = user.ExecsDirectly ? process.Id : ReadPostmasterPid(dataDirectory) ?? process.Id;
                    folder.WriteServerPid(processId);
                    return new PostgresServer(folder, process, output, port, processId);
                }

                var failure = process.HasExited
                    ? $"exited with code {process.ExitCode} before accepting connections on {Loopback.Host}:{port}"
                    : $"did not accept connections on {Loopback.Host}:{port} within {_readyTimeout.TotalSeconds:0} s";

                // Stopping first also drains its output, so a bind error it was still writing is seen.
                await StopProcessAsync(process, user.ExecsDirectly ? process.Id : ReadPostmasterPid(dataDirectory));
                process.Dispose();
                process = null;
                var portClash = output.SectionContains("Address already in use");
                if (!portClash || attempt == StartAttempts)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL ({binaries.Postgres}) {failure}. Output of initdb, then the server:{Environment.NewLine}{output}");
                }
            }
        }
        catch
        {
            if (process is not null)
            {
                process.Kill();
                await process.WaitForExitAsync(_stopTimeout);
                process.Dispose();
            }

            folder.Delete();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server as <see cref="SuperUser"/>.</summary>
    /// <param name="database">The database name.</param>
    public string GetConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = SuperUser,
            Database = database,
        }.ConnectionString;

    /// <summary>
    /// Creates an empty database, so a test class can work in isolation, and returns a connection string to it.
    /// </summary>
    /// <param name="name">The database name (any text PostgreSQL accepts as a quoted identifier, at most 63 bytes).</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // A pool for one statement would keep an idle session open for nothing.
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return GetConnectionString(name);
    }

    /// <summary>The server's recent log lines (stdout and stderr), for diagnosing a failing test.</summary>
    public string GetRecentOutput() => _output.ToString();

    /// <summary>
    /// Fast shutdown (SIGINT: active sessions are disconnected), SIGKILL if that takes over 10 s, then deletes
    /// <see cref="FolderPath"/>. Safe to call more than once.
    /// </summary>
    public Task StopAsync()
    {
        lock (_stopLock)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    /// <inheritdoc cref="StopAsync"/>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        await StopProcessAsync(_process, ProcessId);
        _process.Dispose();
        _folder.Delete();
    }

    private static async Task StopProcessAsync(ServerProcess process, int? postmasterPid)
    {
        if (postmasterPid is { } pid)
        {
            UnixProcesses.Signal(pid, LibC.SigInt);
        }

        if (!await process.WaitForExitAsync(_stopTimeout))
        {
            process.Kill();
            await process.WaitForExitAsync(_stopTimeout);
        }

        // With a forking wrapper the child we waited for is not the postmaster.
        if (postmasterPid is { } postmaster && !await UnixProcesses.WaitForExitAsync(postmaster, _stopTimeout))
        {
            UnixProcesses.Signal(postmaster, LibC.SigKill);
            await UnixProcesses.WaitForExitAsync(postmaster, _stopTimeout);
        }
    }

    private static async Task InitDbAsync(
        PostgresBinaries binaries,
        PostgresUser user,
        ServerFolder folder,
        string dataDirectory,
        OutputTail output,
        CancellationToken cancellationToken)
    {
        var (fileName, arguments) = user.Command(
            binaries.InitDb,
            ["-D", dataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        var exitCode = await ServerProcess.RunAsync(fileName, arguments, folder.Path, output, _initDbTimeout, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"initdb ({binaries.InitDb}) failed with exit code {exitCode}" +
                (user.SwitchesUser ? $" running as '{PostgresUser.SystemUser}'" : string.Empty) +
                $". Its output:{Environment.NewLine}{output}");
        }
    }

    private static string[] ServerArguments(string dataDirectory, string socketDirectory, int port, bool durable) =>
    [
        "-D", dataDirectory,
        "-p", port.ToString(CultureInfo.InvariantCulture),
        "-c", $"listen_addresses={Loopback.Host}",
        "-c", $"unix_socket_directories={socketDirectory}",
        // Durability is worthless for a cluster deleted after the run; speed is not (unless a benchmark measures it).
        "-c", durable ? "fsync=on" : "fsync=off",
        "-c", durable ? "synchronous_commit=on" : "synchronous_commit=off",
        "-c", durable ? "full_page_writes=on" : "full_page_writes=off",
        "-c", "shared_buffers=64MB",
        "-c", "max_connections=200",
    ];

    /// <summary>
    /// Polls with real connections until the server answers, it exits, or the deadline passes. Checks the data
    /// directory so a different server that took the port in a race is not mistaken for ours.
    /// </summary>
    private static async Task<bool> WaitUntilReadyAsync(ServerProcess process, int port, string dataDirectory, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder
        {
            Host = Loopback.Host,
            Port = port,
            Username = SuperUser,
            Database = "postgres",
            Pooling = false,
            Timeout = 5,
        }.ConnectionString;

        var deadline = DateTime.UtcNow + _readyTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SHOW data_directory", connection);
                var served = (string?)await command.ExecuteScalarAsync(cancellationToken);
                return served == dataDirectory;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return false;
    }

    private static int? ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
