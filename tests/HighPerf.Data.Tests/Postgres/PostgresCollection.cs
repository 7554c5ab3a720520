// The shared PostgreSQL server is stopped when the assembly's last test has run, not killed with the test host.
[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]

namespace HighPerf.Data.Tests.Postgres;

[CollectionDefinition(PostgresFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
