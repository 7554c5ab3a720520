namespace HighPerf.Testing.Tests;

// xunit finds collection definitions only in the test assembly, so each test project declares its own.

[CollectionDefinition(PostgresFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;

[CollectionDefinition(RedisFixture.CollectionName)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>;
