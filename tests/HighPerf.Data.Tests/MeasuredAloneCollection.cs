namespace HighPerf.Data.Tests;

/// <summary>
/// Tests that measure the whole process (the live managed heap, allocated bytes, live native handles, Arrow
/// memory and releases), so nothing may run beside them: xunit runs this collection alone after the parallel
/// ones. Its PostgreSQL server is the shared one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "HighPerf.Data.Tests.MeasuredAlone";
}
