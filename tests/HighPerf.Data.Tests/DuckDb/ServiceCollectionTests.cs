using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void AddHighPerfDuckDb_binds_HighPerf_DuckDb_and_opens_one_database()
    {
        using var folder = new TempFolder();
        var exports = folder.CreateDirectory("exports");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HighPerf:DuckDb:Threads"] = "1",
            ["HighPerf:DuckDb:MemoryLimit"] = "300MiB",
            ["HighPerf:DuckDb:MaxPoolSize"] = "3",
            ["HighPerf:DuckDb:AllowedDirectories:0"] = exports,
            ["HighPerf:DuckDb:UnlockedSettings:0"] = "TimeZone",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddHighPerfDuckDb(o => o.TempDirectory = folder.Combine("spill"));

        DuckDbDatabase database;
        using (var provider = services.BuildServiceProvider())
        {
            var options = provider.GetRequiredService<IOptions<DuckDbOptions>>().Value;
            Assert.Equal(1, options.Threads);
            Assert.Equal(3, options.MaxPoolSize);
            Assert.Equal([exports], options.AllowedDirectories);

            database = provider.GetRequiredService<DuckDbDatabase>();
            Assert.Same(database, provider.GetRequiredService<DuckDbDatabase>());
            Assert.Equal(1L, database.ExecuteScalar<long>("SELECT current_setting('threads')"));
            Assert.Equal("300.0 MiB", database.ExecuteScalar<string>("SELECT current_setting('memory_limit')"));
            Assert.Equal(folder.Combine("spill"), database.ExecuteScalar<string>("SELECT current_setting('temp_directory')"));
            Assert.Equal(1, database.ExportParquet("SELECT 1 AS x", "one.parquet"));
        }

        Assert.Throws<ObjectDisposedException>(() => database.Execute("SELECT 1"));
    }

    [Fact]
    public void Invalid_options_fail_validation()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHighPerfDuckDb(o =>
        {
            o.Threads = 0;
            o.AllowedDirectories = ["not/absolute"];
        });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DuckDbOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains("Threads", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("AllowedDirectories", StringComparison.Ordinal));
    }
}
