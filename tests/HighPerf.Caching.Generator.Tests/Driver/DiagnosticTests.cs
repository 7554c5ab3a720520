using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator.Tests.Driver;

/// <summary>Each diagnostic: its id, severity, what it points at, and its full message; nothing is generated for the method.</summary>
public sealed class DiagnosticTests
{
    private const string Profile = "public sealed record Profile(string Name);\n";

    /// <summary>Runs the generator over a class <c>Svc</c> with a store field and the given members.</summary>
    private static void AssertDiagnostic(string members, string id, string pointsAt, string message, string? header = null)
        => AssertSource(Profile + (header ?? string.Empty) + "public sealed partial class Svc(ICacheStore cache)\n{\n" + members + "\n}\n", id, pointsAt, message);

    private static void AssertSource(string source, string id, string pointsAt, string message)
    {
        var run = GeneratorHarness.Run(source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("HighPerf.Caching", diagnostic.Descriptor.Category);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Input0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(pointsAt, run.Input.SyntaxTrees[0].GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void HPC0001_a_method_that_is_not_partial()
        => AssertDiagnostic(
            "[Cached] public ValueTask<Profile> GetAsync(int id) => new(new Profile(\"a\"));",
            "HPC0001",
            "GetAsync",
            "[Cached] method 'Svc.GetAsync' must be declared 'partial' without a body, so that its body can be generated; write the computation in 'GetCoreAsync'");

    [Fact]
    public void HPC0001_a_partial_method_whose_body_is_written_by_hand()
        => AssertDiagnostic(
            "public partial int Get(int id);\n[Cached] public partial int Get(int id) => id;",
            "HPC0001",
            "Get",
            "[Cached] method 'Svc.Get' must be declared 'partial' without a body, so that its body can be generated; write the computation in 'GetCore'");

    [Fact]
    public void HPC0001_a_partial_declaration_whose_other_part_is_written_by_hand()
        => AssertDiagnostic(
            "[Cached] public partial int Get(int id);\npublic partial int Get(int id) => id;",
            "HPC0001",
            "Get",
            "[Cached] method 'Svc.Get' must be declared 'partial' without a body, so that its body can be generated; write the computation in 'GetCore'");

    [Theory]
    [InlineData("ref int id", "a 'ref' parameter")]
    [InlineData("out int id", "an 'out' parameter")]
    [InlineData("in int id", "an 'in' parameter")]
    [InlineData("ref readonly int id", "a 'ref readonly' parameter")]
    [InlineData("int* id", "a pointer")]
    [InlineData("ReadOnlySpan<char> id", "a ref struct ('System.ReadOnlySpan<char>')")]
    public void HPC0002_parameters_that_cannot_be_kept(string parameter, string reason)
        => AssertDiagnostic(
            $"[Cached] public unsafe partial int Get({parameter});",
            "HPC0002",
            "id",
            $"Parameter 'id' of [Cached] method 'Svc.Get' is {reason}; a cached call must be able to keep its arguments until the value is computed, so pass it by value as a regular type");

    [Theory]
    [InlineData("object id", "object")]
    [InlineData("Profile id", "Profile")]
    [InlineData("HashSet<int> id", "System.Collections.Generic.HashSet<int>")]
    [InlineData("Dictionary<string, int> id", "System.Collections.Generic.Dictionary<string, int>")]
    [InlineData("int[,] id", "int[*,*]")]
    [InlineData("List<object> id", "object")]
    [InlineData("Memory<int> id", "System.Memory<int>")]
    public void HPC0003_parameter_types_without_a_stable_encoding(string parameter, string type)
        => AssertDiagnostic(
            $"[Cached] public partial int Get({parameter});\nprivate int GetCore({parameter}) => 0;",
            "HPC0003",
            "id",
            $"Parameter 'id' of [Cached] method 'Svc.Get': type '{type}' has no stable cache key encoding; implement HighPerf.Caching.ICacheKeyPart on it, or mark the parameter [NotCacheKey] if it does not change the result");

    [Theory]
    [InlineData("void", "void", "there is no value to cache")]
    [InlineData("Task", "System.Threading.Tasks.Task", "a task without a result has no value to cache")]
    [InlineData("ValueTask", "System.Threading.Tasks.ValueTask", "a task without a result has no value to cache")]
    [InlineData("Task<System.IO.Stream>", "System.Threading.Tasks.Task<System.IO.Stream>", "a stream is read once; cache its bytes (byte[]) instead")]
    [InlineData("System.IO.MemoryStream", "System.IO.MemoryStream", "a stream is read once; cache its bytes (byte[]) instead")]
    [InlineData("IAsyncEnumerable<int>", "System.Collections.Generic.IAsyncEnumerable<int>", "an async stream or an enumerator is consumed as it is read; cache a list or an array of its items")]
    [InlineData("ValueTask<Func<int>>", "System.Threading.Tasks.ValueTask<System.Func<int>>", "a delegate is code, not data")]
    [InlineData("Span<int>", "System.Span<int>", "a ref struct cannot be stored on the heap")]
    [InlineData("ValueTask<Task<int>>", "System.Threading.Tasks.ValueTask<System.Threading.Tasks.Task<int>>", "a task is a computation in progress, not its result")]
    [InlineData("dynamic", "dynamic", "'dynamic' has no static type to serialize")]
    [InlineData("Type", "System.Type", "a Type or member of reflection is not data")]
    [InlineData("ref int", "int", "a reference to a variable is not a value that can be stored")]
    public void HPC0004_return_types_that_cannot_be_cached(string returnType, string display, string reason)
        => AssertDiagnostic(
            $"[Cached] public partial {returnType} Get(int id);",
            "HPC0004",
            returnType,
            $"[Cached] method 'Svc.Get' returns '{display}', which cannot be cached: {reason}; return Task<T>, ValueTask<T> or T of a serializable type");

    [Theory]
    [InlineData("Ttl", "5")]
    [InlineData("Ttl", "five minutes")]
    [InlineData("Ttl", "00:61:00")]
    [InlineData("Ttl", "-00:01:00")]
    [InlineData("Ttl", "00:00:00")]
    [InlineData("LocalTtl", "1:2:3:4:5")]
    public void HPC0005_a_malformed_or_non_positive_ttl(string property, string ttl)
        => AssertDiagnostic(
            $"[Cached({property} = \"{ttl}\")] public partial int Get(int id);\nprivate int GetCore(int id) => id;",
            "HPC0005",
            $"\"{ttl}\"",
            $"{property} \"{ttl}\" of [Cached] method 'Svc.Get' is not a positive TimeSpan in invariant [d.]hh:mm:ss[.fffffff] form (for example \"00:05:00\" for five minutes)");

    [Fact]
    public void HPC0006_no_store()
        => AssertSource(
            "public sealed partial class Lonely\n{\n    [Cached] public partial int Get(int id);\n    private int GetCore(int id) => id;\n}\n",
            "HPC0006",
            "Get",
            "[Cached] method 'Lonely.Get' needs a field, property or primary constructor parameter of a type assignable to HighPerf.Caching.ICacheStore in 'Lonely', and there is none");

    [Fact]
    public void HPC0006_a_static_method_sees_no_instance_store()
        => AssertDiagnostic(
            "[Cached] public static partial int Get(int id);\nprivate static int GetCore(int id) => id;",
            "HPC0006",
            "Get",
            "[Cached] method 'Svc.Get' needs a static field, property or primary constructor parameter of a type assignable to HighPerf.Caching.ICacheStore in 'Svc', and there is none");

    [Fact]
    public void HPC0007_more_than_one_store()
        => AssertDiagnostic(
            "private readonly ICacheStore _first = cache;\nprivate ICacheStore Second => cache;\n[Cached] public partial int Get(int id);\nprivate int GetCore(int id) => id;",
            "HPC0007",
            "Get",
            "[Cached] method 'Svc.Get' could use any of '_first', 'Second' as its ICacheStore; keep one such member in 'Svc'");

    [Fact]
    public void HPC0008_the_implementation_is_missing()
        => AssertDiagnostic(
            "[Cached] public partial ValueTask<Profile> LoadAsync(int id);",
            "HPC0008",
            "LoadAsync",
            "[Cached] method 'Svc.LoadAsync' computes its value on a miss by calling 'LoadCoreAsync', which 'Svc' does not declare; add it with the same parameters, or name another method with Implementation = nameof(...)");

    [Fact]
    public void HPC0008_the_named_implementation_is_missing()
        => AssertDiagnostic(
            "[Cached(Implementation = \"Fetch\")] public partial int Get(int id);\nprivate int GetCore(int id) => id;",
            "HPC0008",
            "Get",
            "[Cached] method 'Svc.Get' computes its value on a miss by calling 'Fetch', which 'Svc' does not declare; add it with the same parameters, or name another method with Implementation = nameof(...)");

    [Theory]
    [InlineData("private int GetCore(long id, string name) => 0;", "its parameter 'id' is 'long' where 'int' (the type of 'id') is expected")]
    [InlineData("private int GetCore(int id) => 0;", "it does not take parameter 'name' ('string'); it must take every parameter of the [Cached] method, in order (CancellationTokens may be left out)")]
    [InlineData("private int GetCore(int id, string name, int extra) => 0;", "it takes parameter 'extra', which the [Cached] method does not have")]
    [InlineData("private string GetCore(int id, string name) => name;", "it returns 'string'; it must return 'int', 'Task<int>' or 'ValueTask<int>'")]
    [InlineData("private int GetCore(int id, ref string name) => 0;", "its parameter 'name' is passed by reference")]
    [InlineData("private int GetCore<T>(int id, string name) => 0;", "it is generic")]
    public void HPC0009_the_implementation_does_not_match(string implementation, string problem)
        => AssertDiagnostic(
            "[Cached] public partial int Get(int id, string name);\n" + implementation,
            "HPC0009",
            "GetCore",
            $"'Svc.GetCore' cannot implement [Cached] method 'Svc.Get': {problem}");

    [Fact]
    public void HPC0009_a_static_method_cannot_call_an_instance_implementation()
        => AssertSource(
            "public static class Holder { public static ICacheStore Store = null!; }\npublic sealed partial class Svc\n{\n    private static ICacheStore s_cache = null!;\n    [Cached] public static partial int Get(int id);\n    private int GetCore(int id) => id;\n}\n",
            "HPC0009",
            "GetCore",
            "'Svc.GetCore' cannot implement [Cached] method 'Svc.Get': it is an instance method and the [Cached] method is static");

    [Theory]
    [InlineData("user:{userId}", "names '{userId}', which is not a parameter of the method; placeholders are parameter names, e.g. '{id}'")]
    [InlineData("user:{id", "has a '{' without a '}' (write '{{' for a literal brace)")]
    [InlineData("user:id}", "has a '}' without a '{' (write '}}' for a literal brace)")]
    [InlineData("", "is empty; a tag needs at least one character")]
    public void HPC0010_an_invalid_tag(string tag, string problem)
        => AssertDiagnostic(
            $"[Cached(Tags = new[] {{ \"ok\", \"{tag}\" }})] public partial int Get(int id);\nprivate int GetCore(int id) => id;",
            "HPC0010",
            $"\"{tag}\"",
            $"Tag \"{tag}\" of [Cached] method 'Svc.Get' {problem}");

    [Fact]
    public void HPC0010_points_at_the_element_of_a_collection_expression()
        => AssertDiagnostic(
            "[Cached(Tags = [\"a:{id}\", \"b:{nope}\"])] public partial int Get(int id);\nprivate int GetCore(int id) => id;",
            "HPC0010",
            "\"b:{nope}\"",
            "Tag \"b:{nope}\" of [Cached] method 'Svc.Get' names '{nope}', which is not a parameter of the method; placeholders are parameter names, e.g. '{id}'");

    [Fact]
    public void HPC0011_a_generic_method()
        => AssertDiagnostic(
            "[Cached] public partial T Get<T>(int id);\nprivate T GetCore<T>(int id) => default!;",
            "HPC0011",
            "Get",
            "[Cached] method 'Svc.Get' is not supported: generic methods cannot be cached (their keys would depend on the type arguments); make a non-generic method for each type");

    [Fact]
    public void HPC0011_a_method_of_an_interface()
        => AssertSource(
            "public partial interface IReader\n{\n    ICacheStore Cache { get; }\n    [Cached] public partial int Get(int id);\n}\n",
            "HPC0011",
            "Get",
            "[Cached] method 'IReader.Get' is not supported: methods of interfaces cannot be cached; declare it in a class or struct");

    [Fact]
    public void HPC0012_a_containing_type_that_is_not_partial()
        => AssertSource(
            "public sealed class Outer\n{\n    public sealed partial class Svc(ICacheStore cache)\n    {\n        [Cached] public partial int Get(int id);\n        private int GetCore(int id) => id;\n    }\n}\n",
            "HPC0012",
            "Outer",
            "'Outer', which contains [Cached] method 'Svc.Get', must be declared 'partial'");
}
