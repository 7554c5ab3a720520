using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HighPerf.Caching.Serialization;

/// <summary>Finds the serializer of a type once: one registered in DI, raw bytes for byte[], else System.Text.Json's type info.</summary>
internal sealed class CacheSerializers(IServiceProvider services, HighPerfCacheOptions options)
{
    private readonly ConcurrentDictionary<Type, object> _serializers = new();
    private readonly System.Text.Json.JsonSerializerOptions _json = options.CreateJsonSerializerOptions();

    internal ICacheSerializer<T> Get<T>() => (ICacheSerializer<T>)_serializers.GetOrAdd(typeof(T), static (_, self) => self.Create<T>(), this);

    private object Create<T>()
    {
        if (services.GetService<ICacheSerializer<T>>() is { } registered)
        {
            return registered;
        }

        if (typeof(T) == typeof(byte[]))
        {
            return new BytesCacheSerializer();
        }

        if (_json.TypeInfoResolver?.GetTypeInfo(typeof(T), _json) is JsonTypeInfo<T> typeInfo)
        {
            return new JsonCacheSerializer<T>(typeInfo);
        }

        throw new InvalidOperationException(
            $"No serializer for {typeof(T).FullName}: add a JsonSerializerContext that includes it to HighPerfCacheOptions.JsonSerializerOptions.TypeInfoResolverChain, or register an ICacheSerializer<{typeof(T).Name}>.");
    }
}
