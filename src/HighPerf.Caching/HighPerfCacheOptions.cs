using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HighPerf.Caching;

/// <summary>Settings of the two-level cache, bound from <c>HighPerf:Cache</c> by <c>AddHighPerfCaching()</c>.</summary>
public sealed class HighPerfCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "HighPerf:Cache";

    /// <summary>The most bytes (as serialized) the in-process level holds before evicting the least recently used entries; default 64 MiB.</summary>
    public long MaximumL1Bytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest single value kept in process, in bytes; larger ones go to L2 only. Default 1 MiB.</summary>
    public int MaximumL1EntryBytes { get; set; } = 1024 * 1024;

    /// <summary>The expiration of entries whose options set none; default 5 minutes.</summary>
    public TimeSpan DefaultExpiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The in-process expiration of entries whose options set none; default 1 minute (never longer than their expiration).</summary>
    public TimeSpan DefaultLocalExpiration { get; set; } = TimeSpan.FromMinutes(1);

    // A field, not a property: configuration binding must not try to bind serializer settings.
    private readonly List<IJsonTypeInfoResolver> _jsonResolvers = [];

    /// <summary>
    /// Adds a source of JSON type metadata, normally your source-generated <c>JsonSerializerContext</c>,
    /// so that cached values are (de)serialized without reflection. A type no resolver knows fails
    /// with a message naming it.
    /// </summary>
    /// <param name="resolver">E.g. <c>MyJsonContext.Default</c>.</param>
    /// <returns>These options.</returns>
    public HighPerfCacheOptions AddJsonTypeInfoResolver(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _jsonResolvers.Add(resolver);
        return this;
    }

    /// <summary>The serializer settings made of the added resolvers (web defaults: camelCase, case-insensitive reads).</summary>
    internal JsonSerializerOptions CreateJsonSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var resolver in _jsonResolvers)
        {
            options.TypeInfoResolverChain.Add(resolver);
        }

        return options;
    }
}
