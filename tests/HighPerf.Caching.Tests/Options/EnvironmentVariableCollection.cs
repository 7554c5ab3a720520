namespace HighPerf.Caching.Tests.ConnectionOptions;

/// <summary>
/// Tests that set process environment variables: xunit runs this collection on its own, after the parallel
/// ones, so no other test sees the values they set for a moment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "Environment variables";
}
