using System.Threading.Tasks.Sources;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Operations;

/// <summary>A pooled operation whose reply <typeparamref name="TParser"/> turns into a <typeparamref name="T"/>.</summary>
internal sealed class RedisOperation<T, TParser> : RedisOperation, IValueTaskSource<T>
    where TParser : IReplyParser<T>
{
    private const int PoolCapacity = 1024;

    private static readonly Lock s_poolGate = new();
    private static readonly RedisOperation<T, TParser>?[] s_pool = new RedisOperation<T, TParser>?[PoolCapacity];
    private static int s_pooled;

    private ManualResetValueTaskSourceCore<T> _core;
    private T _result = default!;
    private Exception? _error;

    /// <summary>What the parser needs besides the reply (a destination buffer writer), or <see langword="null"/>.</summary>
    internal object? State { get; private set; }

    internal ValueTask<T> Task => new(this, _core.Version);

    internal static RedisOperation<T, TParser> Rent(object? state, CancellationToken cancellationToken)
    {
        RedisOperation<T, TParser>? operation = null;
        lock (s_poolGate)
        {
            if (s_pooled > 0)
            {
                operation = s_pool[--s_pooled];
                s_pool[s_pooled] = null;
            }
        }

        operation ??= new RedisOperation<T, TParser>();
        operation.State = state;
        operation.Begin(cancellationToken);
        return operation;
    }

    internal override bool TryTakeReply(ref RespFrame frame)
    {
        if (!TryClaim())
        {
            return false;
        }

        try
        {
            _result = frame.IsError
                ? throw new RedisException(RedisErrorKind.Server, frame.ReadError())
                : TParser.Parse(ref frame, State);
        }
        catch (Exception ex) when (ex is RedisException or FormatException or OverflowException or InvalidCastException)
        {
            // The frame's bounds are already known, so a bad reply fails its command but not the stream.
            _error = ex;
        }

        return true;
    }

    public override void Execute()
    {
        if (_error is { } error)
        {
            _core.SetException(error);
        }
        else
        {
            _core.SetResult(_result);
        }
    }

    public T GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    protected override void SetError(Exception error) => _error = error;

    protected override void Recycle()
    {
        _core.Reset();
        _result = default!;
        _error = null;
        State = null;
        lock (s_poolGate)
        {
            if (s_pooled < PoolCapacity)
            {
                s_pool[s_pooled++] = this;
            }
        }
    }
}
