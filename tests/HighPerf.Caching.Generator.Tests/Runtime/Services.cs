using System.Text.Json.Serialization;

namespace HighPerf.Caching.Generator.Tests.Runtime;

// [Cached] methods generated at build time by the generator this project references as an analyzer.

public sealed record Product(int Id, string Label, string Region);

public enum Tier
{
    Free,
    Paid,
}

[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class RuntimeJson : JsonSerializerContext;

public sealed partial class ProductService(ICacheStore cache)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public CancellationToken LastFactoryToken { get; private set; }

    /// <summary>The ValueTask shape with a ValueTask implementation, a key-less parameter and a token.</summary>
    [Cached(Ttl = "00:05:00", KeyPrefix = "product", Tags = new[] { "product:{id}", "region:{region}" })]
    public partial ValueTask<Product> GetAsync(int id, string region, [NotCacheKey] string requestId, CancellationToken cancellationToken);

    /// <summary>The Task shape with a synchronous implementation.</summary>
    [Cached(Tags = new[] { "product:{id}" })]
    public partial Task<Product> GetTaskAsync(int id, CancellationToken cancellationToken);

    /// <summary>The synchronous shape with an implementation that completes later, so a miss blocks.</summary>
    [Cached(Tags = new[] { "product:{id}" })]
    public partial Product Get(int id);

    /// <summary>Sequences, enums and nullables in the key.</summary>
    [Cached(Implementation = nameof(Count))]
    public partial ValueTask<int> CountAsync(int[]? ids, Tier tier, Guid? owner);

    private ValueTask<Product> GetCoreAsync(int id, string region, string requestId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastFactoryToken = cancellationToken;
        return new ValueTask<Product>(new Product(id, requestId, region));
    }

    private Product GetTaskCoreAsync(int id)
    {
        Interlocked.Increment(ref _calls);
        return new Product(id, "task", "-");
    }

    private async Task<Product> GetCore(int id)
    {
        await Task.Delay(20);
        Interlocked.Increment(ref _calls);
        return new Product(id, "sync", "-");
    }

    private Task<int> Count(int[]? ids, Tier tier, Guid? owner)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(ids?.Length ?? -1);
    }
}

/// <summary>A generic type: each instantiation computes something else, so each has its own keys.</summary>
public sealed partial class TypeNamer<T>(ICacheStore cache)
{
    [Cached]
    public partial string Describe(int id);

    private string DescribeCore(int id) => typeof(T).Name + ":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
