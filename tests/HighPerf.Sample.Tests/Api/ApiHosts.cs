namespace HighPerf.Sample.Tests.Api;

/// <summary>The sample host without demo events: the API tests bring their own data sets.</summary>
public sealed class ApiHost() : SampleHost(["--HighPerf:Seed:Events=0"]);

/// <summary>A host whose bulk body limit is 64 KiB, to see the limit enforced.</summary>
public sealed class SmallBodyLimitHost() : SampleHost(["--HighPerf:Seed:Events=0", "--HighPerf:Api:MaxBulkBodyBytes=65536"]);

/// <summary>One host for every API test class (they use data sets of their own names, so they never collide).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
