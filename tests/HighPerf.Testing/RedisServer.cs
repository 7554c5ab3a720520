using System.Globalization;
using HighPerf.Testing.Native;

namespace HighPerf.Testing;

/// <summary>
/// A private <c>redis-server</c> for tests, run as a child process on a free loopback port with no
/// persistence, in a temporary folder. It can be killed and started again on the same port, for tests of
/// reconnection. Most tests should share one through <see cref="SharedServers.RedisAsync"/> or
/// <see cref="RedisFixture"/>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>Environment variable with the path of the <c>redis-server</c> program, overriding the PATH search.</summary>
    public const string ServerPathVariable = "HIGHPERF_REDIS_SERVER";

    internal const string FolderKind = "redis";

    private const int StartAttempts = 3;
    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _restartPortTimeout = TimeSpan.FromSeconds(5);

    private readonly string _executable;
    private readonly ServerFolder _folder;
    private readonly OutputTail _output;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerProcess? _process;
    private bool _stopped;

    private RedisServer(string executable, ServerFolder folder, OutputTail output, ServerProcess process, int port)
    {
        _executable = executable;
        _folder = folder;
        _output = output;
        _process = process;
        Port = port;
        ProcessId = process.Id;
    }

    /// <summary>The address the server listens on: 127.0.0.1.</summary>
    public string Host => Loopback.Host;

    /// <summary>The TCP port the server listens on, the same across <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, the form Redis clients take as an endpoint.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary><c>redis://127.0.0.1:port</c>.</summary>
    public string ConnectionString => "redis://" + Endpoint;

    /// <summary>The server's working folder; deleted by <see cref="StopAsync"/>.</summary>
    public string FolderPath => _folder.Path;

    /// <summary>The id of the running redis-server, or of the last one after <see cref="KillAsync"/> or <see cref="StopAsync"/>.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Whether the server process is running (not killed, not stopped).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts redis-server and waits until it answers PING.</summary>
    /// <param name="cancellationToken">Abandons the start; whatever was started is stopped and deleted.</param>
    /// <exception cref="FileNotFoundException">redis-server is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not come up; the message holds its output.</exception>
    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = LocateExecutable(Environment.GetEnvironmentVariable(ServerPathVariable), Executables.PathFolders());
        var folder = ServerFolder.Create(FolderKind);
        var output = new OutputTail();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = Loopback.FreePort();
                var process = await LaunchAsync(executable, folder, output, port, cancellationToken);
                if (process is not null)
                {
                    return new RedisServer(executable, folder, output, process, port);
                }

                if (attempt == StartAttempts)
                {
                    throw new InvalidOperationException(
                        $"redis-server found its port taken {StartAttempts} times in a row. Its output:{Environment.NewLine}{output}");
                }
            }
        }
        catch
        {
            folder.Delete();
            throw;
        }
    }

    /// <summary>
    /// SIGKILL, as a crash would: clients see their connections drop. The folder stays, for
    /// <see cref="StartAgainAsync"/>. Does nothing when the server is not running.
    /// </summary>
    public async Task KillAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is { } process)
            {
                _process = null;
                await KillProcessAsync(process);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts a new, empty redis-server on the same <see cref="Port"/> after <see cref="KillAsync"/>, waiting until
    /// it answers PING.
    /// </summary>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <exception cref="InvalidOperationException">The server is still running, or did not come up.</exception>
    /// <exception cref="ObjectDisposedException">The server was stopped for good with <see cref="StopAsync"/>.</exception>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (IsRunning)
            {
                throw new InvalidOperationException("redis-server is still running; KillAsync it first.");
            }

            // A client reconnecting in a loop can hold the port for a moment; give it a few tries.
            var deadline = DateTime.UtcNow + _restartPortTimeout;
            while (true)
            {
                _process = await LaunchAsync(_executable, _folder, _output, Port, cancellationToken);
                if (_process is not null)
                {
                    ProcessId = _process.Id;
                    return;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new InvalidOperationException(
                        $"redis-server could not take port {Port} again within {_restartPortTimeout.TotalSeconds:0} s. " +
                        $"Its output:{Environment.NewLine}{_output}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the server for good (SIGTERM, SIGKILL if that takes over 10 s) and deletes <see cref="FolderPath"/>.
    /// Safe to call more than once.
    /// </summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            if (_process is { } process)
            {
                _process = null;
                UnixProcesses.Signal(process.Id, LibC.SigTerm);
                if (!await process.WaitForExitAsync(_stopTimeout))
                {
                    process.Kill();
                    await process.WaitForExitAsync(_stopTimeout);
                }

                process.Dispose();
            }

            _folder.Delete();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="StopAsync"/>
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The server's recent log lines, for diagnosing a failing test.</summary>
    public string GetRecentOutput() => _output.ToString();

    internal static string LocateExecutable(string? overridePath, IEnumerable<string> pathFolders)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            return Executables.IsExecutable(overridePath)
                ? overridePath
                : throw new FileNotFoundException(
                    $"{ServerPathVariable} is '{overridePath}', which is not an executable file. Point it at redis-server, or unset it.");
        }

        return Executables.FindIn(pathFolders, "redis-server")
            ?? throw new FileNotFoundException(
                $"redis-server was not found in PATH. Install the Debian package 'redis-server' (apt-get install redis-server), " +
                $"or set {ServerPathVariable} to its path.");
    }

    /// <summary>
    /// Starts redis-server on <paramref name="port"/> and waits for it to answer. <see langword="null"/> when the
    /// port was taken; any other failure throws.
    /// </summary>
    private static async Task<ServerProcess?> LaunchAsync(
        string executable,
        ServerFolder folder,
        OutputTail output,
        int port,
        CancellationToken cancellationToken)
    {
        output.BeginSection();
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", Loopback.Host,
            "--save", string.Empty,
            "--appendonly", "no",
            "--dir", folder.Path,
            "--daemonize", "no",
            "--logfile", string.Empty,
        ];
        var process = ServerProcess.Start(executable, arguments, folder.Path, output);
        folder.WriteServerPid(process.Id);
        bool ready;
        try
        {
            ready = await WaitUntilReadyAsync(process, port, cancellationToken);
        }
        catch
        {
            await KillProcessAsync(process);
            throw;
        }

        if (ready)
        {
            return process;
        }

        var failure = process.HasExited
            ? $"exited with code {process.ExitCode} before answering PING on {Loopback.Host}:{port}"
            : $"did not answer PING on {Loopback.Host}:{port} within {_readyTimeout.TotalSeconds:0} s";

        // Killing first also drains its output, so a bind error it was still writing is seen.
        await KillProcessAsync(process);
        return output.SectionContains("Address already in use")
            ? null
            : throw new InvalidOperationException(
                $"redis-server ({executable}) {failure}. Its output:{Environment.NewLine}{output}");
    }

    private static async Task KillProcessAsync(ServerProcess process)
    {
        process.Kill();
        await process.WaitForExitAsync(_stopTimeout);
        process.Dispose();
    }

    /// <summary>
    /// Polls PING until the server answers, exits, or the deadline passes; then checks the answer came from our
    /// process, not from another server that took the port in a race.
    /// </summary>
    private static async Task<bool> WaitUntilReadyAsync(ServerProcess process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _readyTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (await RedisProbe.PingAsync(Loopback.Host, port, cancellationToken))
            {
                var info = await RedisProbe.CommandAsync(Loopback.Host, port, ["INFO", "server"], cancellationToken) ?? string.Empty;
                return info.Contains($"process_id:{process.Id.ToString(CultureInfo.InvariantCulture)}\r\n", StringComparison.Ordinal);
            }

            await Task.Delay(20, cancellationToken);
        }

        return false;
    }
}
