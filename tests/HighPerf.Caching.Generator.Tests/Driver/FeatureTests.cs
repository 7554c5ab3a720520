namespace HighPerf.Caching.Generator.Tests.Driver;

/// <summary>
/// Key encodings, stores, implementation shapes and containing types: each input compiles with its
/// generated part with no error or warning, and the generated text makes the calls stated.
/// </summary>
public sealed class FeatureTests
{
    private static string Generate(string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Problems);
        return string.Join("\n", run.Sources.Select(static s => s.Text));
    }

    [Fact]
    public void Every_supported_parameter_type_gets_its_builder_call()
    {
        var text = Generate("""
            namespace Shop;
            public enum Tier : byte { Free, Paid }
            public readonly record struct Region(string Country, int Zone) : ICacheKeyPart
            {
                public void WriteKeyParts(ref CacheKeyBuilder builder) { builder.Add(Country); builder.Add(Zone); }
            }
            public sealed class Filter : ICacheKeyPart
            {
                public void WriteKeyParts(ref CacheKeyBuilder builder) => builder.Add(1);
            }
            public sealed partial class Catalog(ICacheStore store)
            {
                [Cached]
                public partial ValueTask<int> CountAsync(
                    bool a, char b, sbyte c, byte d, short e, ushort f, int g, uint h, long i, ulong j, float k, double l, decimal m,
                    string n, DateTime o, Int128 p, UInt128 q, Half r, Guid s, DateTimeOffset t, TimeSpan u, DateOnly v, TimeOnly w,
                    nint x, nuint y, byte[] z, ReadOnlyMemory<byte> bytes, Memory<char> chars, Tier tier, int? maybe, Tier? maybeTier,
                    Region region, Region? maybeRegion, Filter? filter, int[] ids, string?[]? names, IReadOnlyList<Guid> list, List<long> longs,
                    IEnumerable<Tier> tiers, int[][] jagged, IReadOnlyCollection<Region> regions);

                private ValueTask<int> CountCoreAsync(
                    bool a, char b, sbyte c, byte d, short e, ushort f, int g, uint h, long i, ulong j, float k, double l, decimal m,
                    string n, DateTime o, Int128 p, UInt128 q, Half r, Guid s, DateTimeOffset t, TimeSpan u, DateOnly v, TimeOnly w,
                    nint x, nuint y, byte[] z, ReadOnlyMemory<byte> bytes, Memory<char> chars, Tier tier, int? maybe, Tier? maybeTier,
                    Region region, Region? maybeRegion, Filter? filter, int[] ids, string?[]? names, IReadOnlyList<Guid> list, List<long> longs,
                    IEnumerable<Tier> tiers, int[][] jagged, IReadOnlyCollection<Region> regions) => new(0);
            }
            """);
        foreach (var name in "abcdefghijklmnopqrstuvw")
        {
            Assert.Contains($"__builder.Add({name});", text);
        }

        Assert.Contains("__builder.Add((long)x);", text);
        Assert.Contains("__builder.Add((ulong)y);", text);
        Assert.Contains("__builder.Add(z);", text);
        Assert.Contains("__builder.AddBytes(bytes.Span);", text);
        Assert.Contains("__builder.Add(chars.Span);", text);
        Assert.Contains("__builder.AddEnum(tier);", text);
        Assert.Contains("__builder.Add(maybe.GetValueOrDefault());", text);
        Assert.Contains("__builder.AddEnum(maybeTier.GetValueOrDefault());", text);
        Assert.Contains("__builder.AddPart(region);", text);
        Assert.Contains("__builder.AddPart(maybeRegion.GetValueOrDefault());", text);
        Assert.Contains("__builder.AddPart(filter);", text);
        Assert.Contains("__builder.BeginSequence(ids.Length);", text);
        Assert.Contains("__builder.BeginSequence(list.Count);", text);
        Assert.Contains("__builder.BeginSequence(longs.Count);", text);
        Assert.Contains("global::System.Linq.Enumerable.TryGetNonEnumeratedCount(tiers, out var __count0)", text);
        Assert.Contains("__builder.BeginSequence(__item0.Length);", text);
        Assert.Contains("__builder.Add(__item1);", text);
        Assert.Contains("TryGetNonEnumeratedCount(regions, out var __count0)", text);
        Assert.Contains("__builder.AddPart(__item0);", text);
    }

    [Fact]
    public void A_static_method_with_no_parameters_uses_a_static_store_an_empty_state_and_constant_tags()
    {
        var text = Generate("""
            public static partial class Settings
            {
                public static ICacheStore Store { get; set; } = null!;

                [Cached(Ttl = "00:10:00", Tags = new[] { "settings", "{{literal}}" })]
                public static partial Task<string[]> AllAsync(CancellationToken cancellationToken);

                private static string[] AllCoreAsync() => ["a"];
            }
            """);
        Assert.Contains("private static readonly string[] __AllAsync_Tags = new string[] { \"settings\", \"{literal}\" };", text);
        Assert.Contains("global::Settings.Store.TryGetValue<string[]>(__key, out var __hit)", text);
        Assert.Contains("GetOrCreateAsync<global::System.ValueTuple, string[]>(", text);
        Assert.Contains("default(global::System.ValueTuple),", text);
        Assert.Contains("static (__state, __cancellationToken) => new global::System.Threading.Tasks.ValueTask<string[]>(global::Settings.AllCoreAsync()),", text);
        Assert.Contains("__AllAsync_Tags,", text);
        Assert.DoesNotContain("namespace", text);
    }

    [Fact]
    public void Nested_and_generic_containing_types_are_redeclared_and_their_type_arguments_join_the_identity()
    {
        var text = Generate("""
            namespace Outer.Space;
            public partial class Outer<TKey> where TKey : struct, Enum
            {
                public sealed partial record Inner<TValue>(ICacheStore Cache) where TValue : ICacheKeyPart
                {
                    [Cached]
                    public partial TValue? Find(TKey key, TValue value);

                    private TValue? FindCore(TKey key, TValue value) => value;
                }
            }
            """);
        Assert.Contains("partial class Outer<TKey>", text);
        Assert.Contains("partial record Inner<TValue>", text);
        Assert.Contains("private static readonly global::HighPerf.Caching.CacheKeyScope __Find_Scope = new global::HighPerf.Caching.CacheKeyScope(\"Find\", \"Outer.Space.Outer<TKey>.Inner<TValue>.Find(TKey, TValue)[\" + typeof(TKey).ToString() + \",\" + typeof(TValue).ToString() + \"]\");", text);
        Assert.Contains("new global::HighPerf.Caching.CacheKeyBuilder(__Find_Scope, stackalloc byte[128]);", text);
        Assert.Contains("__builder.AddEnum(key);", text);
        Assert.Contains("__builder.AddPart(value);", text);
        Assert.Contains("this.Cache.TryGetValue<TValue?>(__key, out var __hit)", text);
    }

    [Fact]
    public void A_struct_method_and_an_extension_method_keep_their_modifiers()
    {
        var text = Generate("""
            public partial struct Point(ICacheStore cache)
            {
                [Cached]
                public readonly partial int Length(params int[] parts);

                private readonly int LengthCore(int[] parts) => parts.Length;
            }

            public static partial class Extensions
            {
                internal static ICacheStore s_store = null!;

                [Cached]
                internal static partial string Shout(this string text);

                private static string ShoutCore(string text) => text.ToUpperInvariant();
            }
            """);
        Assert.Contains("partial struct Point", text);
        Assert.Contains("public readonly partial int Length(params int[] parts)", text);
        Assert.Contains("internal static partial string Shout(this string text)", text);
        Assert.Contains("global::Extensions.s_store.TryGetValue<string>", text);
    }

    [Fact]
    public void The_implementation_may_return_any_shape_leave_out_tokens_or_be_named()
    {
        var text = Generate("""
            public sealed partial class Shapes(ICacheStore cache)
            {
                [Cached]
                public partial ValueTask<int> FromValueAsync(int x, CancellationToken cancellationToken);
                private int FromValueCoreAsync(int x) => x;

                [Cached]
                public partial ValueTask<int> FromTaskAsync(int x, CancellationToken cancellationToken);
                private Task<int> FromTaskCoreAsync(CancellationToken cancellationToken, int x) => Task.FromResult(x);

                [Cached(Implementation = nameof(Compute))]
                public partial int Named(int x);
                private static ValueTask<int> Compute(int x, CancellationToken cancellationToken) => new(x);
            }
            """);
        Assert.Contains("static (__state, __cancellationToken) => new global::System.Threading.Tasks.ValueTask<int>(__state.Item1.FromValueCoreAsync(__state.Item2)),", text);
        Assert.Contains("static (__state, __cancellationToken) => new global::System.Threading.Tasks.ValueTask<int>(__state.Item1.FromTaskCoreAsync(__cancellationToken, __state.Item2)),", text);
        Assert.Contains("GetOrCreateAsync<int, int>(", text);
        Assert.Contains("static (__state, __cancellationToken) => global::Shapes.Compute(__state, __cancellationToken),", text);
    }

    [Fact]
    public void Overloads_get_their_own_static_members_and_files()
    {
        var run = GeneratorHarness.Run("""
            public sealed partial class Overloads(ICacheStore cache)
            {
                [Cached(Ttl = "00:01:00")]
                public partial int Get(int x);
                [Cached(Ttl = "00:02:00")]
                public partial int Get(string x);
                private int GetCore(int x) => x;
                private int GetCore(string x) => x.Length;
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Problems);
        Assert.Equal(["Overloads.Get_0.g.cs", "Overloads.Get_1.g.cs"], run.Sources.Select(static s => s.HintName).Order());
        Assert.Contains("__Get_0_Options", run.Sources[0].Text + run.Sources[1].Text);
        Assert.Contains("__Get_1_Options", run.Sources[0].Text + run.Sources[1].Text);
    }

    [Fact]
    public void A_field_initialized_from_a_primary_constructor_parameter_is_the_store_and_a_nullable_one_is_asserted()
    {
        var text = Generate("""
            public sealed partial class Captured(ICacheStore cache)
            {
                private readonly ICacheStore? _cache = cache;

                [Cached]
                public partial int Get(int x);
                private int GetCore(int x) => x;
            }
            """);
        Assert.Contains("this._cache!.TryGetValue<int>", text);
    }

    [Fact]
    public void Tags_format_each_parameter_with_the_invariant_culture()
    {
        var text = Generate("""
            public enum Kind { A, B }
            public sealed partial class Tagged(ICacheStore cache)
            {
                [Cached(Tags = new[] { "{name}", "n:{count}", "k:{kind}", "g:{id}", "d:{price}", "m:{maybe}", "f:{flag}", "{{x}}:{name}" })]
                public partial int Get(string? name, int count, Kind kind, Guid id, decimal price, int? maybe, bool flag);
                private int GetCore(string? name, int count, Kind kind, Guid id, decimal price, int? maybe, bool flag) => count;
            }
            """);
        const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
        Assert.Contains(
            "new string[] { (name ?? \"\"), \"n:\" + (count.ToString(null, " + Invariant + ")), \"k:\" + (kind.ToString()), \"g:\" + (id.ToString(null, " + Invariant + ")), "
            + "\"d:\" + (price.ToString(null, " + Invariant + ")), \"m:\" + (maybe?.ToString(null, " + Invariant + ")), \"f:\" + (flag.ToString()), \"{x}:\" + name }",
            text);
    }

    [Fact]
    public void A_project_without_nullable_annotations_compiles_cleanly_too()
    {
        var text = Generate("""
            #nullable disable
            public sealed class Item { }
            public sealed partial class Oblivious(ICacheStore cache)
            {
                [Cached(Tags = new[] { "n:{name}" })]
                public partial Task<Item> GetAsync(string name, string[] parts, CancellationToken cancellationToken);
                private Task<Item> GetCoreAsync(string name, string[] parts, CancellationToken cancellationToken) => Task.FromResult(new Item());
            }
            """);
        Assert.Contains("GetAsync(string name, string[] parts, global::System.Threading.CancellationToken cancellationToken)", text);
    }
}
