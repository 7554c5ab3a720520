using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HighPerf.Data.Tests.Postgres;

[Collection(PostgresFixture.CollectionName)]
public sealed class PostgresServiceCollectionTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    [Fact]
    public async Task Options_are_bound_from_configuration_and_shape_the_data_source()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HighPerf:Postgres:ConnectionString"] = ConnectionString,
            ["HighPerf:Postgres:MaxPoolSize"] = "7",
            ["HighPerf:Postgres:MinPoolSize"] = "1",
            ["HighPerf:Postgres:CommandTimeout"] = "00:00:12",
            ["HighPerf:Postgres:ConnectionIdleLifetime"] = "00:01:00",
            ["HighPerf:Postgres:CopyBatchRows"] = "1000",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddHighPerfPostgres(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var options = provider.GetRequiredService<IOptions<PostgresOptions>>().Value;
        Assert.Equal(7, options.MaxPoolSize);
        Assert.Equal(TimeSpan.FromSeconds(12), options.CommandTimeout);
        Assert.Equal(1000, options.CopyBatchRows);

        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        var built = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(7, built.MaxPoolSize);
        Assert.Equal(1, built.MinPoolSize);
        Assert.Equal(12, built.CommandTimeout);
        Assert.Equal(60, built.ConnectionIdleLifetime);

        var client = provider.GetRequiredService<PostgresArrowClient>();
        Assert.Same(dataSource, client.DataSource);
        var count = 0;
        await foreach (var batch in client.ReadAsync("SELECT generate_series(1, 2500) AS n"))
        {
            Assert.True(batch.Length <= 1000);
            count++;
            batch.Dispose();
        }

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task The_health_check_is_healthy_against_the_server()
    {
        await using var provider = Build(o => o.ConnectionString = ConnectionString);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries[PostgresServiceCollectionExtensions.HealthCheckName].Status);
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_for_a_port_nobody_listens_on()
    {
        var port = FreePort();
        await using var provider = Build(o => o.ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=3");
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries[PostgresServiceCollectionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.DoesNotContain("Username", entry.Description ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_connection_string_fails_validation()
    {
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddHighPerfPostgres().BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgresOptions>>().Value);
        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_container_disposes_the_data_source()
    {
        NpgsqlDataSource dataSource;
        await using (var provider = Build(o => o.ConnectionString = ConnectionString))
        {
            dataSource = provider.GetRequiredService<NpgsqlDataSource>();
            await using var connection = await dataSource.OpenConnectionAsync();
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await dataSource.OpenConnectionAsync());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ServiceProvider Build(Action<PostgresOptions> configure) =>
        new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddHighPerfPostgres(configure).BuildServiceProvider();
}
