using System.Buffers;
using System.Runtime.CompilerServices;
using HighPerf.Caching.Redis;
using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;
using Microsoft.Extensions.Caching.Distributed;

namespace HighPerf.Caching.Distributed;

public sealed partial class RedisDistributedCache
{
    /// <inheritdoc />
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var client = await GetClientAsync(token).ConfigureAwait(false);
        var read = await client.Connection.SendAsync<CacheRead, CacheBytesParser, KeyCommand>(new KeyCommand("GET"u8, Prefixed(key)), null, token).ConfigureAwait(false);
        await SlideAsync(client, key, read, token).ConfigureAwait(false);
        return read.Value;
    }

    /// <inheritdoc />
    public bool TryGet(string key, IBufferWriter<byte> destination) => TryGetAsync(key, destination).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var client = await GetClientAsync(token).ConfigureAwait(false);
        var read = await client.Connection.SendAsync<CacheRead, CacheWriterParser, KeyCommand>(new KeyCommand("GET"u8, Prefixed(key)), destination, token).ConfigureAwait(false);
        await SlideAsync(client, key, read, token).ConfigureAwait(false);
        return read.Found;
    }

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SetCoreAsync(key, new ReadOnlySequence<byte>(value), options, token).AsTask();
    }

    /// <inheritdoc />
    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        SetCoreAsync(key, value, options, token);

    /// <inheritdoc />
    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    /// <summary>Extends a sliding entry's life without reading its value (GETRANGE of the header, then PEXPIRE).</summary>
    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        var client = await GetClientAsync(token).ConfigureAwait(false);
        var prefixed = Prefixed(key);
        var head = await client.Connection.SendAsync<byte[]?, BytesParser, TextCommand>(
            new TextCommand(["GETRANGE", prefixed, "0", (CacheEntryHeader.SlidingLength - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]), null, token).ConfigureAwait(false);
        if (head is { Length: > 0 } && CacheEntryHeader.TryRead(head, out var header))
        {
            await SlideAsync(client, key, new CacheRead(true, null, header), token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        var client = await GetClientAsync(token).ConfigureAwait(false);
        await client.Connection.SendAsync<long, IntegerParser, KeyCommand>(new KeyCommand("DEL"u8, Prefixed(key)), null, token).ConfigureAwait(false);
    }

    private async ValueTask SetCoreAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        var absolute = options.AbsoluteExpiration ?? (now + options.AbsoluteExpirationRelativeToNow);
        var sliding = options.SlidingExpiration;
        if (absolute is { } at && at <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The absolute expiration is in the past.");
        }

        var header = sliding is { } window
            ? new CacheEntryHeader((long)Math.Ceiling(window.TotalMilliseconds), absolute?.ToUnixTimeMilliseconds() ?? 0)
            : default;
        long? ttl = header.IsSliding
            ? header.RefreshTtlMilliseconds(now.ToUnixTimeMilliseconds())
            : absolute is { } expiry ? Math.Max(1, (long)Math.Ceiling((expiry - now).TotalMilliseconds)) : null;

        var client = await GetClientAsync(token).ConfigureAwait(false);
        await client.Connection.SendAsync<bool, StatusParser, CacheSetCommand>(
            new CacheSetCommand(Prefixed(key), header, default, value, true, ttl), null, token).ConfigureAwait(false);
    }

    /// <summary>A read of a sliding entry extends its life by its window, never past its absolute expiry.</summary>
    private ValueTask SlideAsync(RedisClient client, string key, CacheRead read, CancellationToken token)
    {
        if (!read.Found || read.Header.RefreshTtlMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds()) is not { } ttl || ttl <= 0)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(client.Connection.SendAsync<bool, FlagParser, KeyIntegerCommand>(new KeyIntegerCommand("PEXPIRE"u8, Prefixed(key), ttl), null, token).AsTask());
    }
}
