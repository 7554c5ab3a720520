using System.Buffers;

namespace HighPerf.Caching.Serialization;

/// <summary>Turns values of one type into bytes for the distributed level and back; registered per type, or System.Text.Json by default.</summary>
/// <typeparam name="T">The value type.</typeparam>
public interface ICacheSerializer<T>
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>.</summary>
    void Serialize(T value, IBufferWriter<byte> destination);

    /// <summary>Reads a value written by <see cref="Serialize"/>.</summary>
    T Deserialize(ReadOnlySequence<byte> source);
}
