using System.Collections.Immutable;
using HighPerf.Caching.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HighPerf.Caching.Generator.Tests.Driver;

/// <summary>What one generator run gave: its sources and diagnostics, and the compilation of input and output together.</summary>
internal sealed record GeneratorRun(
    ImmutableArray<(string HintName, string Text)> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    GeneratorDriver Driver,
    CSharpCompilation Input)
{
    public string Single()
    {
        Assert.Single(Sources);
        return Sources[0].Text;
    }

    /// <summary>Errors and warnings of the compiled input plus output (the generator's own diagnostics excluded).</summary>
    public IEnumerable<Diagnostic> Problems => CompilationDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning);
}

/// <summary>
/// Runs <see cref="CachedGenerator"/> through <see cref="CSharpGeneratorDriver"/> over source text,
/// against the same framework and HighPerf.Caching assemblies this test runs on.
/// </summary>
internal static class GeneratorHarness
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using HighPerf.Caching;

        """;

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(static () =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = new List<MetadataReference>();
        foreach (var path in paths)
        {
            references.Add(MetadataReference.CreateFromFile(path));
        }

        var caching = typeof(ICacheStore).Assembly.Location;
        if (!paths.Contains(caching))
        {
            references.Add(MetadataReference.CreateFromFile(caching));
        }

        return [.. references];
    });

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "GeneratorInput",
            sources.Select(static (s, i) => CSharpSyntaxTree.ParseText(s, s_parseOptions, path: $"Input{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new CachedGenerator().AsSourceGenerator()],
            parseOptions: s_parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="source"/> (with <see cref="Usings"/> in front).</summary>
    public static GeneratorRun Run(string source) => Run(Compile(Usings + source));

    public static GeneratorRun Run(CSharpCompilation input, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        var sources = result.GeneratedTrees.Select(static t => (Path.GetFileName(t.FilePath), t.GetText().ToString())).ToImmutableArray();
        return new GeneratorRun(sources, generatorDiagnostics, output.GetDiagnostics(), driver, input);
    }
}
