using HighPerf.Data.DataSets;
using HighPerf.Data.Tests.DuckDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HighPerf.Data.Tests.DataSets;

[Collection(PostgresFixture.CollectionName)]
public sealed class DataSetServiceCollectionTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Without_a_connection_string_the_data_sets_live_in_duckdb()
    {
        using var folder = new TempFolder();
        await using var provider = Build(folder, connectionString: null, addPostgresFirst: false);
        var registry = provider.GetRequiredService<DataSetRegistry>();
        Assert.Equal("duckdb", registry.Store);
        Assert.Null(provider.GetService<PostgresArrowClient>());
        await registry.CreateAsync(new DataSetDefinition("t", [new DataSetColumn("a", DataSetColumnType.Int32)]));
        Assert.Equal(1L, provider.GetRequiredService<DuckDbDatabase>().ExecuteScalar<long>("SELECT count(*) FROM highperf_datasets"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_a_connection_string_the_data_sets_live_in_postgres_and_postgres_is_added_once(bool addPostgresFirst)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync($"datasets_di_{Environment.ProcessId}_{addPostgresFirst}");
        using var folder = new TempFolder();
        await using var provider = Build(folder, connectionString, addPostgresFirst);
        var registry = provider.GetRequiredService<DataSetRegistry>();
        Assert.Equal("postgres", registry.Store);

        await registry.CreateAsync(DataSetTestStore.Events());
        await registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(10)));
        var export = await registry.ExportParquetAsync("events", ParquetCompression.Zstd);
        Assert.Equal(10, export.Rows);
        Assert.StartsWith(folder.Combine("exports"), export.FullPath, StringComparison.Ordinal);

        // The rows and the catalog are in PostgreSQL, not in the embedded file.
        await using var command = provider.GetRequiredService<PostgresArrowClient>().DataSource.CreateCommand("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM highperf_datasets)");
        Assert.Equal(11L, await command.ExecuteScalarAsync());
        Assert.Equal(0L, provider.GetRequiredService<DuckDbDatabase>().ExecuteScalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('events', 'highperf_datasets')"));

        var checks = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Single(checks, c => c.Name == PostgresServiceCollectionExtensions.HealthCheckName);
    }

    private static ServiceProvider Build(TempFolder folder, string? connectionString, bool addPostgresFirst)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HighPerf:DataDirectory"] = folder.Path,
            ["HighPerf:Postgres:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (addPostgresFirst)
        {
            services.AddHighPerfPostgres(configuration);
        }

        services.AddHighPerfDataSets(configuration);
        return services.BuildServiceProvider();
    }
}
