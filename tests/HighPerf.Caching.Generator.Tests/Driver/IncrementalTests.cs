using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HighPerf.Caching.Generator.Tests.Driver;

/// <summary>The pipeline's models compare by value, so runs after edits reuse what did not change.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public void An_unrelated_edit_reuses_the_cached_model_and_output()
    {
        var input = GeneratorHarness.Compile(GeneratorHarness.Usings + Sources.ValueTaskShape, "public static class Unrelated { public static int A() => 1; }");
        var first = GeneratorHarness.Run(input);

        var edited = input.ReplaceSyntaxTree(
            input.SyntaxTrees[1],
            CSharpSyntaxTree.ParseText("public static class Unrelated { public static int A() => 2; public static int B() => 3; }", (CSharpParseOptions)input.SyntaxTrees[1].Options, input.SyntaxTrees[1].FilePath));
        var second = GeneratorHarness.Run(edited, first.Driver);

        var result = second.Driver.GetRunResult().Results[0];
        var parse = Assert.Single(result.TrackedSteps[CachedGenerator.ParseStep]);
        Assert.All(parse.Outputs, static o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), static o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.Single(), second.Single());
    }

    [Fact]
    public void An_edit_of_the_cached_method_regenerates_it()
    {
        var input = GeneratorHarness.Compile(GeneratorHarness.Usings + Sources.ValueTaskShape);
        var first = GeneratorHarness.Run(input);
        var changed = Sources.ValueTaskShape.Replace("00:05:00", "00:06:00", StringComparison.Ordinal);
        var edited = input.ReplaceSyntaxTree(input.SyntaxTrees[0], CSharpSyntaxTree.ParseText(GeneratorHarness.Usings + changed, (CSharpParseOptions)input.SyntaxTrees[0].Options, input.SyntaxTrees[0].FilePath));
        var second = GeneratorHarness.Run(edited, first.Driver);

        var parse = Assert.Single(second.Driver.GetRunResult().Results[0].TrackedSteps[CachedGenerator.ParseStep]);
        Assert.Contains(parse.Outputs, static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("FromTicks(3600000000L)", second.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Models_hold_no_symbols_or_syntax()
    {
        // What a pipeline step keeps alive across runs must compare by value: no ISymbol, SyntaxNode,
        // Compilation or Location anywhere in the model's graph of types.
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(Parsing.ParseResult)]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                continue;
            }

            Assert.False(typeof(ISymbol).IsAssignableFrom(type), type.FullName);
            Assert.False(typeof(SyntaxNode).IsAssignableFrom(type), type.FullName);
            Assert.False(typeof(Compilation).IsAssignableFrom(type), type.FullName);
            Assert.False(typeof(Location).IsAssignableFrom(type), type.FullName);
            if (type == typeof(DiagnosticDescriptor) || type.Namespace == "Microsoft.CodeAnalysis.Text")
            {
                continue;
            }

            foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            {
                pending.Push(field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType);
                foreach (var argument in field.FieldType.IsGenericType ? field.FieldType.GetGenericArguments() : [])
                {
                    pending.Push(argument);
                }
            }
        }
    }
}
