using System.Buffers;
using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;

namespace HighPerf.Caching.Redis;

public sealed partial class RedisClient
{
    /// <summary>GET: the value, or <see langword="null"/> when the key does not exist.</summary>
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _connection.SendAsync<byte[]?, BytesParser, KeyCommand>(new KeyCommand("GET"u8, key), null, cancellationToken);
    }

    /// <summary>GET into <paramref name="destination"/> without an intermediate array; <see langword="false"/> when the key does not exist.</summary>
    public ValueTask<bool> GetAsync(string key, IBufferWriter<byte> destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(destination);
        return _connection.SendAsync<bool, BufferWriterParser, KeyCommand>(new KeyCommand("GET"u8, key), destination, cancellationToken);
    }

    /// <summary>SET with an optional expiry (EX for whole seconds, PX otherwise), condition (NX/XX) or KEEPTTL.</summary>
    /// <returns><see langword="false"/> only when <paramref name="condition"/> stopped the write.</returns>
    public ValueTask<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always, bool keepTtl = false, CancellationToken cancellationToken = default)
    {
        ValidateSet(key, expiry, keepTtl);
        return _connection.SendAsync<bool, StatusParser, SetCommand>(new SetCommand(key, value.Span, default, false, expiry, condition, keepTtl), null, cancellationToken);
    }

    /// <summary>SET from a (possibly multi-segment) sequence, copied once into the send buffer.</summary>
    /// <returns><see langword="false"/> only when <paramref name="condition"/> stopped the write.</returns>
    public ValueTask<bool> SetAsync(string key, ReadOnlySequence<byte> value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always, bool keepTtl = false, CancellationToken cancellationToken = default)
    {
        ValidateSet(key, expiry, keepTtl);
        return _connection.SendAsync<bool, StatusParser, SetCommand>(new SetCommand(key, default, value, true, expiry, condition, keepTtl), null, cancellationToken);
    }

    /// <summary>MGET: one value per key, in order, <see langword="null"/> where a key does not exist.</summary>
    public ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ValidateKeys(keys);
        return _connection.SendAsync<byte[]?[], BytesArrayParser, KeysCommand>(new KeysCommand("MGET"u8, keys), null, cancellationToken);
    }

    /// <summary>MSET: sets every pair atomically.</summary>
    public async ValueTask SetManyAsync(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("MSET needs at least one pair.", nameof(pairs));
        }

        await _connection.SendAsync<bool, StatusParser, MultiSetCommand>(new MultiSetCommand(pairs), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>INCR: adds one to the integer stored at <paramref name="key"/> (0 when missing) and returns the result.</summary>
    public ValueTask<long> IncrementAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _connection.SendAsync<long, IntegerParser, KeyCommand>(new KeyCommand("INCR"u8, key), null, cancellationToken);
    }

    private static void ValidateSet(string key, TimeSpan? expiry, bool keepTtl)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (expiry is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expiry), "An expiry must be positive.");
        }

        if (keepTtl && expiry is not null)
        {
            throw new ArgumentException("KEEPTTL and an expiry cannot be combined.", nameof(keepTtl));
        }
    }

    private static void ValidateKeys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one key is needed.", nameof(keys));
        }
    }
}
