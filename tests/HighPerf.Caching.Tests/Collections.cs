using HighPerf.Testing;

namespace HighPerf.Caching.Tests;

// xunit finds collection definitions only in the test assembly, so each test project declares its own.

[CollectionDefinition(RedisFixture.CollectionName)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>;
