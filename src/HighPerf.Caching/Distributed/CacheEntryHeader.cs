using System.Buffers.Binary;

namespace HighPerf.Caching.Distributed;

/// <summary>
/// The few bytes in front of every value <see cref="RedisDistributedCache"/> stores, so that a GET
/// alone tells whether the entry slides. Layout (little-endian): byte 0 = format
/// (<see cref="Plain"/> or <see cref="Sliding"/>); for sliding entries, bytes 1-8 = the sliding
/// window in milliseconds and bytes 9-16 = the absolute expiry in Unix milliseconds (0 for none).
/// Redis's own TTL enforces expiry; the header only lets a read extend it.
/// </summary>
internal readonly struct CacheEntryHeader(long slidingMilliseconds, long absoluteUnixMilliseconds)
{
    internal const byte Plain = 0x00;
    internal const byte Sliding = 0x01;
    internal const int PlainLength = 1;
    internal const int SlidingLength = 17;
    internal const int MaxLength = SlidingLength;

    internal long SlidingMilliseconds { get; } = slidingMilliseconds;

    internal long AbsoluteUnixMilliseconds { get; } = absoluteUnixMilliseconds;

    internal bool IsSliding => SlidingMilliseconds > 0;

    internal int Length => IsSliding ? SlidingLength : PlainLength;

    internal void Write(Span<byte> destination)
    {
        if (!IsSliding)
        {
            destination[0] = Plain;
            return;
        }

        destination[0] = Sliding;
        BinaryPrimitives.WriteInt64LittleEndian(destination[1..], SlidingMilliseconds);
        BinaryPrimitives.WriteInt64LittleEndian(destination[9..], AbsoluteUnixMilliseconds);
    }

    /// <summary>Reads a header from the front of a value; <see langword="false"/> when the bytes are not one of ours.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> source, out CacheEntryHeader header)
    {
        header = default;
        if (source.IsEmpty)
        {
            return false;
        }

        if (source[0] == Plain)
        {
            return true;
        }

        if (source[0] != Sliding || source.Length < SlidingLength)
        {
            return false;
        }

        header = new CacheEntryHeader(
            BinaryPrimitives.ReadInt64LittleEndian(source[1..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[9..]));
        return true;
    }

    /// <summary>How long the entry should live from <paramref name="nowUnixMilliseconds"/> after a read; null when it does not slide.</summary>
    internal long? RefreshTtlMilliseconds(long nowUnixMilliseconds)
    {
        if (!IsSliding)
        {
            return null;
        }

        return AbsoluteUnixMilliseconds == 0
            ? SlidingMilliseconds
            : Math.Min(SlidingMilliseconds, AbsoluteUnixMilliseconds - nowUnixMilliseconds);
    }
}
