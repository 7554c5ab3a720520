namespace HighPerf.Data.Tests.Postgres;

/// <summary>
/// PostgreSQL tests that measure the whole process (allocated bytes), so nothing may run beside them;
/// xunit runs this collection alone after the parallel ones. The server is the same shared one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresSerialCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "HighPerf.Data.Tests.PostgresSerial";
}
