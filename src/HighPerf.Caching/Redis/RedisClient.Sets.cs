using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;

namespace HighPerf.Caching.Redis;

public sealed partial class RedisClient
{
    /// <summary>SADD: adds members to the set; returns how many were new.</summary>
    public ValueTask<long> SetAddAsync(string key, IReadOnlyList<ReadOnlyMemory<byte>> members, CancellationToken cancellationToken = default)
    {
        ValidateMembers(key, members);
        return _connection.SendAsync<long, IntegerParser, KeyValuesCommand>(new KeyValuesCommand("SADD"u8, key, members), null, cancellationToken);
    }

    /// <summary>SREM: removes members from the set; returns how many were there.</summary>
    public ValueTask<long> SetRemoveAsync(string key, IReadOnlyList<ReadOnlyMemory<byte>> members, CancellationToken cancellationToken = default)
    {
        ValidateMembers(key, members);
        return _connection.SendAsync<long, IntegerParser, KeyValuesCommand>(new KeyValuesCommand("SREM"u8, key, members), null, cancellationToken);
    }

    /// <summary>SMEMBERS: every member of the set, in no particular order; empty for a missing key.</summary>
    public async ValueTask<byte[][]> SetMembersAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var members = await _connection.SendAsync<byte[]?[], BytesArrayParser, KeyCommand>(new KeyCommand("SMEMBERS"u8, key), null, cancellationToken).ConfigureAwait(false);
        return members!;
    }

    private static void ValidateMembers(string key, IReadOnlyList<ReadOnlyMemory<byte>> members)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("At least one member is needed.", nameof(members));
        }
    }
}
