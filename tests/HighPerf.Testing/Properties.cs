using FsCheck;
using FsCheck.Fluent;

namespace HighPerf.Testing;

/// <summary>Runs an FsCheck property inside an xunit test: FsCheck.Xunit cannot be restored here.</summary>
public static class Properties
{
    /// <summary>Checks <paramref name="property"/> on <paramref name="maxTest"/> generated cases; a failure throws with the shrunk counterexample.</summary>
    /// <typeparam name="T">The generated case.</typeparam>
    /// <param name="arbitrary">Generates (and shrinks) the cases.</param>
    /// <param name="property">Holds for every case.</param>
    /// <param name="maxTest">How many cases to try (default 100).</param>
    public static void Check<T>(Arbitrary<T> arbitrary, Func<T, bool> property, int maxTest = 100) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest), Prop.ForAll(arbitrary, property));
}
