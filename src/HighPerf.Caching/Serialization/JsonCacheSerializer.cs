using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HighPerf.Caching.Serialization;

/// <summary>System.Text.Json through a type's <see cref="JsonTypeInfo{T}"/>: source-generated when the user's context supplies it, so no reflection.</summary>
internal sealed class JsonCacheSerializer<T>(JsonTypeInfo<T> typeInfo) : ICacheSerializer<T>
{
    public void Serialize(T value, IBufferWriter<byte> destination)
    {
        using var writer = new Utf8JsonWriter(destination);
        JsonSerializer.Serialize(writer, value, typeInfo);
    }

    public T Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, typeInfo)!;
    }
}
