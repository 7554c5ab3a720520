using System.Diagnostics;
using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;

namespace HighPerf.Caching.Redis;

public sealed partial class RedisClient
{
    /// <summary>SCRIPT LOAD: caches a Lua script on the server and returns its SHA1 for <see cref="EvalShaAsync"/>.</summary>
    public async ValueTask<string> ScriptLoadAsync(string script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var sha = await _connection.SendAsync<string?, TextParser, TextCommand>(new TextCommand(["SCRIPT", "LOAD", script]), null, cancellationToken).ConfigureAwait(false);
        return sha ?? throw new RedisException(RedisErrorKind.Protocol, "SCRIPT LOAD returned no hash.");
    }

    /// <summary>EVALSHA: runs a loaded script. A script the server does not know fails with a <c>NOSCRIPT</c> <see cref="RedisException"/>.</summary>
    public ValueTask<RedisReply> EvalShaAsync(string sha1, IReadOnlyList<string> keys, IReadOnlyList<ReadOnlyMemory<byte>> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha1);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        return _connection.SendAsync<RedisReply, ReplyParser, EvalShaCommand>(new EvalShaCommand(sha1, keys, arguments), null, cancellationToken);
    }

    /// <summary>PING: the round-trip time.</summary>
    public async ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await _connection.SendAsync<bool, StatusParser, TextCommand>(new TextCommand(["PING"]), null, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Any command, for what has no typed method: <c>ExecuteAsync("HSET", "h", "f", value)</c>. A
    /// command word with spaces is split (<c>"CLIENT INFO"</c>). Arguments may be strings, byte
    /// arrays, byte memory, numbers or booleans. Server errors throw <see cref="RedisException"/>.
    /// Subscribing commands belong to <see cref="SubscribeAsync"/>, not here.
    /// </summary>
    public ValueTask<RedisReply> ExecuteAsync(string command, params object[] arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        RawCommand.Validate(arguments);
        return _connection.SendAsync<RedisReply, ReplyParser, RawCommand>(new RawCommand(command, arguments), null, CancellationToken.None);
    }

    /// <summary>Like <see cref="ExecuteAsync(string, object[])"/>, with a cancellation token.</summary>
    public ValueTask<RedisReply> ExecuteAsync(string command, object[] arguments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        RawCommand.Validate(arguments);
        return _connection.SendAsync<RedisReply, ReplyParser, RawCommand>(new RawCommand(command, arguments), null, cancellationToken);
    }
}
