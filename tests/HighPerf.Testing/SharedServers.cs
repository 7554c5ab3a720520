namespace HighPerf.Testing;

/// <summary>
/// One PostgreSQL and one Redis server per test process, started on first use. xunit v2 has no assembly-wide
/// fixture, so "shared" means per test process: every test class of one test assembly run gets the same
/// servers, while two test projects each start their own.
/// <para>
/// They are stopped when the process exits, but under <c>dotnet test</c> that is too late: the runner kills the
/// test host about 100 ms after the run, mid-shutdown. So a test assembly should also declare
/// <c>[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]</c>,
/// which stops them when its last test has run. Whatever still escapes is removed by the next run's first
/// server start.
/// </para>
/// Do not stop or dispose a shared server; start a private one (<see cref="PostgresServer.StartAsync(CancellationToken)"/>,
/// <see cref="RedisServer.StartAsync(CancellationToken)"/>) for a test that must stop or kill its server.
/// </summary>
public static class SharedServers
{
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(20);
    private static readonly Lock _lock = new();
    private static Lazy<Task<PostgresServer>> _postgres = NewLazy(PostgresServer.StartAsync);
    private static Lazy<Task<RedisServer>> _redis = NewLazy(RedisServer.StartAsync);
    private static readonly List<Task> _stopping = [];
    private static int _exitHooked;

    /// <summary>
    /// The process' PostgreSQL server, started by the first call. A failed start is not retried: every later
    /// call fails with the same exception rather than waiting out the same timeout again.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the start itself goes on for other callers.</param>
    public static Task<PostgresServer> PostgresAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _postgres.Value.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The process' Redis server, started by the first call; failures are not retried, as with <see cref="PostgresAsync"/>.</summary>
    /// <param name="cancellationToken">Stops waiting; the start itself goes on for other callers.</param>
    public static Task<RedisServer> RedisAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _redis.Value.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops the servers started so far; a later call starts new ones. The returned task also covers stops
    /// begun by earlier calls. Every server gets its stop signal before this returns, so a host killed while
    /// waiting still leaves no server running.
    /// </summary>
    internal static Task StopAllAsync()
    {
        lock (_lock)
        {
            var (postgres, redis) = (_postgres, _redis);
            _postgres = NewLazy(PostgresServer.StartAsync);
            _redis = NewLazy(RedisServer.StartAsync);
            if (postgres.IsValueCreated)
            {
                _stopping.Add(StopWhenStartedAsync(postgres.Value, server => server.StopAsync()));
            }

            if (redis.IsValueCreated)
            {
                _stopping.Add(StopWhenStartedAsync(redis.Value, server => server.StopAsync()));
            }

            return Task.WhenAll(_stopping);
        }
    }

    private static void StopAtExit()
    {
        try
        {
            StopAllAsync().Wait(_stopTimeout);
        }
        catch (AggregateException)
        {
            // Nothing to report to at exit; the next run's sweep removes what a failed stop left.
        }
    }

    private static Lazy<Task<T>> NewLazy<T>(Func<CancellationToken, Task<T>> start) =>
        // Task.Run: off the caller's thread and synchronization context, since the start blocks briefly
        // (initdb is a process run) and the exit handler must depend on neither.
        new(() =>
        {
            HookProcessExit();
            return Task.Run(() => start(CancellationToken.None));
        }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static void HookProcessExit()
    {
        if (Interlocked.Exchange(ref _exitHooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAtExit();
        }
    }

    private static async Task StopWhenStartedAsync<T>(Task<T> start, Func<T, Task> stop)
    {
        try
        {
            await start;
        }
        catch (Exception)
        {
            return; // A failed start cleaned up after itself.
        }

        await stop(start.Result);
    }
}
