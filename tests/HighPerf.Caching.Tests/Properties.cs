using FsCheck;
using FsCheck.Fluent;

namespace HighPerf.Caching.Tests;

/// <summary>Runs an FsCheck property inside an xunit test (FsCheck.Xunit is not available here).</summary>
internal static class Properties
{
    internal static void Check<T>(Arbitrary<T> arbitrary, Func<T, bool> property, int maxTest = 100) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest), Prop.ForAll(arbitrary, property));
}
