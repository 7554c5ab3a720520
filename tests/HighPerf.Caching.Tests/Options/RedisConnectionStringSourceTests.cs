using HighPerf.Caching.Redis;
using Microsoft.Extensions.Configuration;

namespace HighPerf.Caching.Tests.ConnectionOptions;

[Collection(EnvironmentVariableCollection.Name)]
public sealed class RedisConnectionStringSourceTests
{
    private const string Own = "redis://own:6379";
    private const string Valkey = "valkey://valkey:6379";
    private const string Redis = "redis://redis:6379";

    [Fact]
    public void The_application_setting_comes_first()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", "valkey://from-env"), ("REDIS_URL", "redis://from-env"));
        var configuration = Configuration(("HighPerf:Cache:Redis", Own), ("VALKEY_URL", Valkey), ("REDIS_URL", Redis));

        Assert.Equal(Own, RedisConnectionStringSource.Resolve(configuration));
    }

    [Fact]
    public void Then_VALKEY_URL_from_configuration()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", "valkey://from-env"), ("REDIS_URL", "redis://from-env"));
        var configuration = Configuration(("VALKEY_URL", Valkey), ("REDIS_URL", Redis));

        Assert.Equal(Valkey, RedisConnectionStringSource.Resolve(configuration));
    }

    [Fact]
    public void Then_VALKEY_URL_from_the_environment_even_when_configuration_has_REDIS_URL()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", "valkey://from-env"), ("REDIS_URL", "redis://from-env"));
        var configuration = Configuration(("REDIS_URL", Redis));

        Assert.Equal("valkey://from-env", RedisConnectionStringSource.Resolve(configuration));
    }

    [Fact]
    public void Then_REDIS_URL_from_configuration()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", null), ("REDIS_URL", "redis://from-env"));
        var configuration = Configuration(("REDIS_URL", Redis));

        Assert.Equal(Redis, RedisConnectionStringSource.Resolve(configuration));
    }

    [Fact]
    public void Then_REDIS_URL_from_the_environment()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", null), ("REDIS_URL", "redis://from-env"));

        Assert.Equal("redis://from-env", RedisConnectionStringSource.Resolve(Configuration()));
    }

    [Fact]
    public void Null_when_nothing_is_set()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", null), ("REDIS_URL", null));

        Assert.Null(RedisConnectionStringSource.Resolve(Configuration()));
    }

    [Fact]
    public void Blank_values_count_as_unset()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", " "), ("REDIS_URL", "redis://from-env"));
        var configuration = Configuration(("HighPerf:Cache:Redis", ""), ("VALKEY_URL", "  "), ("REDIS_URL", ""));

        Assert.Equal("redis://from-env", RedisConnectionStringSource.Resolve(configuration));
    }

    [Fact]
    public void Environment_variables_reach_it_through_the_environment_configuration_provider()
    {
        using var _ = new EnvironmentScope(("VALKEY_URL", null), ("REDIS_URL", "redis://from-env"), ("HighPerf__Cache__Redis", Own));
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();

        Assert.Equal(Own, RedisConnectionStringSource.Resolve(configuration));
    }

    [Fact]
    public void Refuses_null_configuration()
    {
        Assert.Throws<ArgumentNullException>(() => RedisConnectionStringSource.Resolve(null!));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();

    /// <summary>Sets environment variables (null: removes them) and puts back what was there on dispose.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly List<(string Name, string? Value)> _saved = [];

        public EnvironmentScope(params (string Name, string? Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _saved.Add((name, Environment.GetEnvironmentVariable(name)));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
