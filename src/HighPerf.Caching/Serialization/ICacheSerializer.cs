using System.Buffers;

namespace HighPerf.Caching.Serialization;

/// <summary>
/// Turns values of one type into bytes for the distributed level (and for sizing them in process)
/// and back. Register one in DI or with <see cref="HighPerfCacheOptions.AddSerializer{T}"/>;
/// otherwise unmanaged values and arrays are stored as raw bytes and everything else through
/// System.Text.Json.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public interface ICacheSerializer<T>
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>.</summary>
    void Serialize(T value, IBufferWriter<byte> destination);

    /// <summary>Reads a value written by <see cref="Serialize"/>.</summary>
    T Deserialize(ReadOnlySequence<byte> source);
}
