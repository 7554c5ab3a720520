using HighPerf.Testing;

namespace HighPerf.Caching.Tests;

// xunit finds collection definitions only in the test assembly, so each test project declares its own.

[CollectionDefinition(RedisFixture.CollectionName)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>;

/// <summary>Tests that count process-wide metrics: they run alone, so other tests' cache calls do not show up in their counts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
