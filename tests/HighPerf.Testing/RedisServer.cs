using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using HighPerf.Testing.Native;

namespace HighPerf.Testing;

/// <summary>
/// A private <c>redis-server</c> for tests, run as a child process on a free loopback port with no
/// persistence, in a temporary folder. It can be killed and started again on the same port, for tests of
/// reconnection. Most tests should share one through <see cref="SharedServers.RedisAsync"/> or
/// <see cref="RedisFixture"/>; tests of authentication and TLS start their own with
/// <see cref="StartAsync(RedisServerSettings, CancellationToken)"/> or <see cref="StartTlsAsync"/>.
/// </summary>
public sealed partial class RedisServer : IAsyncDisposable
{
    /// <summary>Environment variable with the path of the <c>redis-server</c> program, overriding the PATH search.</summary>
    public const string ServerPathVariable = "HIGHPERF_REDIS_SERVER";

    internal const string FolderKind = "redis";

    private const int StartAttempts = 3;
    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _restartPortTimeout = TimeSpan.FromSeconds(5);

    private readonly Launcher _launcher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerProcess? _process;
    private bool _stopped;

    private RedisServer(Launcher launcher, ServerProcess process, int port)
    {
        _launcher = launcher;
        _process = process;
        Port = port;
        ProcessId = process.Id;
    }

    /// <summary>The address the server listens on: 127.0.0.1.</summary>
    public string Host => Loopback.Host;

    /// <summary>
    /// The TCP port the server listens on, the same across <see cref="StartAgainAsync"/>; in TLS mode the TLS
    /// port, the only one it listens on.
    /// </summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, the form Redis clients take as an endpoint.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>
    /// <c>redis://127.0.0.1:port</c>, or <c>rediss://127.0.0.1:port</c> in TLS mode; with a
    /// <see cref="Password"/>, it goes in percent-encoded as <c>redis://:password@127.0.0.1:port</c>, so a client
    /// needs nothing else to connect (bar trusting <see cref="CaCertificate"/> in TLS mode).
    /// </summary>
    public string ConnectionString
    {
        get
        {
            var scheme = UsesTls ? "rediss://" : "redis://";
            return Password is { } password
                ? $"{scheme}:{Uri.EscapeDataString(password)}@{Endpoint}"
                : scheme + Endpoint;
        }
    }

    /// <summary>Whether the server speaks only TLS (see <see cref="RedisServerSettings.Tls"/>).</summary>
    public bool UsesTls => _launcher.Tls is not null;

    /// <summary>
    /// In TLS mode, the certificate of the private CA that signed the server's certificate (without the CA's
    /// private key); a client trusts it, and only it, to verify the server. The same across
    /// <see cref="StartAgainAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server does not use TLS.</exception>
    public X509Certificate2 CaCertificate =>
        _launcher.Tls?.CaCertificate ?? throw new InvalidOperationException("This redis-server does not use TLS; start it with StartTlsAsync.");

    /// <summary>The password clients must AUTH with, or <see langword="null"/> when the server needs none.</summary>
    public string? Password => _launcher.Settings.Password;

    /// <summary>The server's working folder (and, in TLS mode, its PEM files); deleted by <see cref="StopAsync"/>.</summary>
    public string FolderPath => _launcher.Folder.Path;

    /// <summary>The id of the running redis-server, or of the last one after <see cref="KillAsync"/> or <see cref="StopAsync"/>.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Whether the server process is running (not killed, not stopped).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a plain redis-server, without password or TLS, and waits until it answers PING.</summary>
    /// <param name="cancellationToken">Abandons the start; whatever was started is stopped and deleted.</param>
    /// <exception cref="FileNotFoundException">redis-server is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not come up; the message holds its output.</exception>
    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new RedisServerSettings(), cancellationToken);

    /// <summary>
    /// Starts a redis-server that speaks only TLS, with certificates from a private CA made for it (see
    /// <see cref="CaCertificate"/>), and waits until it answers PING over TLS.
    /// </summary>
    /// <inheritdoc cref="StartAsync(CancellationToken)"/>
    public static Task<RedisServer> StartTlsAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new RedisServerSettings { Tls = true }, cancellationToken);

    /// <summary>
    /// Starts redis-server as <paramref name="settings"/> say and waits until it answers PING (over TLS, after
    /// AUTH, as the settings require).
    /// </summary>
    /// <param name="settings">Password and TLS.</param>
    /// <param name="cancellationToken">Abandons the start; whatever was started is stopped and deleted.</param>
    /// <exception cref="ArgumentException">The password is empty.</exception>
    /// <exception cref="FileNotFoundException">redis-server is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not come up; the message holds its output.</exception>
    public static async Task<RedisServer> StartAsync(RedisServerSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Password is { Length: 0 })
        {
            // redis-server reads an empty requirepass as "no password", which is not what the test asked for.
            throw new ArgumentException("The password must not be empty; use null for a server without one.", nameof(settings));
        }

        var executable = LocateExecutable(Environment.GetEnvironmentVariable(ServerPathVariable), Executables.PathFolders());
        var folder = ServerFolder.Create(FolderKind);
        try
        {
            var tls = settings.Tls ? RedisTlsFiles.Create(folder.Path) : null;
            var launcher = new Launcher(executable, folder, new OutputTail(), settings, tls);
            for (var attempt = 1; ; attempt++)
            {
                var port = Loopback.FreePort();
                var process = await launcher.LaunchAsync(port, cancellationToken);
                if (process is not null)
                {
                    return new RedisServer(launcher, process, port);
                }

                if (attempt == StartAttempts)
                {
                    throw new InvalidOperationException(
                        $"redis-server found its port taken {StartAttempts} times in a row. Its output:{Environment.NewLine}{launcher.Output}");
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
    /// Starts a new, empty redis-server on the same <see cref="Port"/> after <see cref="KillAsync"/>, with the same
    /// password and certificates, waiting until it answers PING.
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
                _process = await _launcher.LaunchAsync(Port, cancellationToken);
                if (_process is not null)
                {
                    ProcessId = _process.Id;
                    return;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new InvalidOperationException(
                        $"redis-server could not take port {Port} again within {_restartPortTimeout.TotalSeconds:0} s. " +
                        $"Its output:{Environment.NewLine}{_launcher.Output}");
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

            _launcher.Folder.Delete();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="StopAsync"/>
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The server's recent log lines, for diagnosing a failing test.</summary>
    public string GetRecentOutput() => _launcher.Output.ToString();

    /// <summary>What <see cref="RedisProbe"/> needs to reach this server: its CA in TLS mode, its password.</summary>
    internal RedisProbeOptions ProbeOptions => _launcher.ProbeOptions;

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

    private static async Task KillProcessAsync(ServerProcess process)
    {
        process.Kill();
        await process.WaitForExitAsync(_stopTimeout);
        process.Dispose();
    }
}
