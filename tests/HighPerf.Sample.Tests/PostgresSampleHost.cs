using HighPerf.Testing;

// The shared PostgreSQL server is stopped when the assembly's last test has run, not killed with the test host.
[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]

namespace HighPerf.Sample.Tests;

/// <summary>The sample host pointed at a database of its own on the private PostgreSQL server (seeding off).</summary>
public sealed class PostgresSampleHost : IAsyncLifetime
{
    private static int s_counter;
    private SampleHost? _host;

    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("The host has not started.");

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>What the host has logged, for the message of a failing assertion.</summary>
    public string Output => _host?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        var server = await SharedServers.PostgresAsync();
        ConnectionString = await server.CreateDatabaseAsync($"sample_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}");
        _host = new WithArguments([$"--HighPerf:Postgres:ConnectionString={ConnectionString}", "--HighPerf:Seed:Events=0"]);
        await _host.InitializeAsync();
    }

    public Task DisposeAsync() => _host?.DisposeAsync() ?? Task.CompletedTask;

    private sealed class WithArguments(string[] arguments) : SampleHost(arguments);
}
