using HighPerf.Caching.Generator.Emit;
using HighPerf.Caching.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator;

/// <summary>
/// Writes the bodies of <c>[Cached]</c> partial methods. The pipeline keeps only value-equal
/// models (no symbols, no syntax), so an edit that does not change a cached method reuses its
/// generated source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CachedGenerator : IIncrementalGenerator
{
    internal const string AttributeName = "HighPerf.Caching.CachedAttribute";

    /// <summary>The step that turns each attributed method into a model, for incrementality tests.</summary>
    internal const string ParseStep = "CachedMethods";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, MethodParser.Parse)
            .WithTrackingName(ParseStep);

        context.RegisterSourceOutput(methods, static (output, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Model is { } model)
            {
                output.AddSource(model.HintName, SourceEmitter.Emit(model));
            }
        });
    }
}
