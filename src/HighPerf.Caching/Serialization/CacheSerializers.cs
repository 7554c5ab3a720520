using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HighPerf.Caching.Serialization;

/// <summary>
/// Finds the serializer of a type once, in this order: one registered in DI, one added to the
/// options, raw bytes for arrays of the built-in unmanaged types, System.Text.Json's type info,
/// and raw bytes for any other type that holds no references. No reflection: every type is named
/// in code, so this is trimming- and AOT-safe.
/// </summary>
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

        if (options.TryGetSerializer<T>(out var added))
        {
            return added!;
        }

        if (typeof(T) == typeof(byte[]))
        {
            return UnmanagedArrayCacheSerializer<byte>.Instance;
        }

        if (BuiltInArrays.Find(typeof(T)) is { } array)
        {
            return array;
        }

        if (_json.TypeInfoResolver?.GetTypeInfo(typeof(T), _json) is JsonTypeInfo<T> typeInfo)
        {
            return new JsonCacheSerializer<T>(typeInfo);
        }

        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return UnmanagedValueCacheSerializer<T>.Instance;
        }

        throw new InvalidOperationException(
            $"No serializer for {typeof(T).FullName}: add a JsonSerializerContext that includes it with HighPerfCacheOptions.AddJsonTypeInfoResolver, " +
            $"call AddUnmanagedArray<TElement>() for arrays of your own unmanaged structs, or register an ICacheSerializer<{typeof(T).Name}>.");
    }

    /// <summary>The unmanaged element types stored raw with no registration, each named so the trimmer keeps exactly these.</summary>
    private static class BuiltInArrays
    {
        internal static object? Find(Type type) =>
            type == typeof(sbyte[]) ? UnmanagedArrayCacheSerializer<sbyte>.Instance
            : type == typeof(short[]) ? UnmanagedArrayCacheSerializer<short>.Instance
            : type == typeof(ushort[]) ? UnmanagedArrayCacheSerializer<ushort>.Instance
            : type == typeof(int[]) ? UnmanagedArrayCacheSerializer<int>.Instance
            : type == typeof(uint[]) ? UnmanagedArrayCacheSerializer<uint>.Instance
            : type == typeof(long[]) ? UnmanagedArrayCacheSerializer<long>.Instance
            : type == typeof(ulong[]) ? UnmanagedArrayCacheSerializer<ulong>.Instance
            : type == typeof(Int128[]) ? UnmanagedArrayCacheSerializer<Int128>.Instance
            : type == typeof(UInt128[]) ? UnmanagedArrayCacheSerializer<UInt128>.Instance
            : type == typeof(Half[]) ? UnmanagedArrayCacheSerializer<Half>.Instance
            : type == typeof(float[]) ? UnmanagedArrayCacheSerializer<float>.Instance
            : type == typeof(double[]) ? UnmanagedArrayCacheSerializer<double>.Instance
            : type == typeof(decimal[]) ? UnmanagedArrayCacheSerializer<decimal>.Instance
            : type == typeof(bool[]) ? UnmanagedArrayCacheSerializer<bool>.Instance
            : type == typeof(char[]) ? UnmanagedArrayCacheSerializer<char>.Instance
            : type == typeof(Guid[]) ? UnmanagedArrayCacheSerializer<Guid>.Instance
            : type == typeof(DateTime[]) ? UnmanagedArrayCacheSerializer<DateTime>.Instance
            : type == typeof(DateTimeOffset[]) ? UnmanagedArrayCacheSerializer<DateTimeOffset>.Instance
            : type == typeof(TimeSpan[]) ? UnmanagedArrayCacheSerializer<TimeSpan>.Instance
            : type == typeof(DateOnly[]) ? UnmanagedArrayCacheSerializer<DateOnly>.Instance
            : type == typeof(TimeOnly[]) ? UnmanagedArrayCacheSerializer<TimeOnly>.Instance
            : null;
    }
}
