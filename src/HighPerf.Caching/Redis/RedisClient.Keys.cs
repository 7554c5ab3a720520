using System.Runtime.CompilerServices;
using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis;

public sealed partial class RedisClient
{
    /// <summary>DEL: removes the key; returns how many keys were removed (0 or 1).</summary>
    public ValueTask<long> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _connection.SendAsync<long, IntegerParser, KeyCommand>(new KeyCommand("DEL"u8, key), null, cancellationToken);
    }

    /// <summary>DEL: removes the keys; returns how many existed.</summary>
    public ValueTask<long> DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ValidateKeys(keys);
        return _connection.SendAsync<long, IntegerParser, KeysCommand>(new KeysCommand("DEL"u8, keys), null, cancellationToken);
    }

    /// <summary>UNLINK: like DEL, but the server frees the memory in the background.</summary>
    public ValueTask<long> UnlinkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ValidateKeys(keys);
        return _connection.SendAsync<long, IntegerParser, KeysCommand>(new KeysCommand("UNLINK"u8, keys), null, cancellationToken);
    }

    /// <summary>EXISTS: how many of the keys exist (a key named twice counts twice).</summary>
    public ValueTask<long> ExistsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ValidateKeys(keys);
        return _connection.SendAsync<long, IntegerParser, KeysCommand>(new KeysCommand("EXISTS"u8, keys), null, cancellationToken);
    }

    /// <summary>EXPIRE (whole seconds) or PEXPIRE (anything finer); <see langword="false"/> when the key does not exist.</summary>
    public ValueTask<bool> ExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        return ttl.Ticks % TimeSpan.TicksPerSecond == 0
            ? _connection.SendAsync<bool, FlagParser, KeyIntegerCommand>(new KeyIntegerCommand("EXPIRE"u8, key, ttl.Ticks / TimeSpan.TicksPerSecond), null, cancellationToken)
            : _connection.SendAsync<bool, FlagParser, KeyIntegerCommand>(new KeyIntegerCommand("PEXPIRE"u8, key, Math.Max(1, (long)Math.Ceiling(ttl.TotalMilliseconds))), null, cancellationToken);
    }

    /// <summary>PTTL: the time left; <see cref="Timeout.InfiniteTimeSpan"/> for a key without expiry, <see langword="null"/> for a missing key.</summary>
    public ValueTask<TimeSpan?> GetTimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _connection.SendAsync<TimeSpan?, TtlParser, KeyCommand>(new KeyCommand("PTTL"u8, key), null, cancellationToken);
    }

    /// <summary>SCAN: every key matching <paramref name="pattern"/> (all keys when null), page by page; keys changed during the scan may be missed or repeated, as SCAN defines.</summary>
    /// <param name="pattern">A glob-style MATCH pattern, or <see langword="null"/>.</param>
    /// <param name="pageSize">The COUNT hint per round trip; 0 for the server's default.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    public async IAsyncEnumerable<string> ScanAsync(string? pattern = null, int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageSize);
        long cursor = 0;
        do
        {
            var (next, keys) = await _connection.SendAsync<(long, string[]), ScanParser, ScanCommand>(new ScanCommand(cursor, pattern, pageSize), null, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                yield return key;
            }

            cursor = next;
        }
        while (cursor != 0);
    }

    private readonly struct TtlParser : IReplyParser<TimeSpan?>
    {
        public static TimeSpan? Parse(ref RespFrame frame, object? state) => frame.ReadInteger() switch
        {
            -2 => null,
            -1 => Timeout.InfiniteTimeSpan,
            var ms => TimeSpan.FromMilliseconds(ms),
        };
    }
}
