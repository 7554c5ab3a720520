using System.Diagnostics;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Operations;

/// <summary>
/// One command in flight. It is completed exactly once: by its reply, its timeout, its
/// cancellation or the loss of the connection, whichever comes first. A command completed early
/// stays in the connection's queue until its reply arrives and is discarded, so replies always
/// match commands in order. It is recycled only when both owners, the caller (after reading the
/// result) and the pipeline (after the reply or failure), have let go.
/// </summary>
internal abstract class RedisOperation : IThreadPoolWorkItem
{
    private int _completed;
    private int _owners;
    private CancellationTokenRegistration _cancellation;

    /// <summary>When the command was queued, in <see cref="Stopwatch"/> ticks.</summary>
    internal long QueuedAt { get; private set; }

    internal bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>
    /// Called on the receive loop with the command's reply: parses it unless the operation already
    /// ended. <see langword="true"/> when it did; the caller then runs <see cref="Execute"/> (batched).
    /// </summary>
    internal abstract bool TryTakeReply(ref RespFrame frame);

    /// <summary>Ends the operation with <paramref name="error"/> unless it already ended.</summary>
    internal bool TryFail(Exception error)
    {
        if (!TryClaim())
        {
            return false;
        }

        SetError(error);
        Dispatch();
        return true;
    }

    /// <summary>The pipeline lets go: the reply was handled, or the command will never get one.</summary>
    internal void ReleaseFromPipeline() => Release();

    /// <summary>Completes the caller's await with the stored result or error; runs on the thread pool.</summary>
    public abstract void Execute();

    protected void Begin(CancellationToken cancellationToken)
    {
        _completed = 0;
        _owners = 2;
        QueuedAt = Stopwatch.GetTimestamp();
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((RedisOperation)state!).TryFail(new OperationCanceledException(token)),
                this);
        }
    }

    protected bool TryClaim()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        _cancellation.Unregister();
        _cancellation = default;
        return true;
    }

    /// <summary>Runs the caller's continuation on the thread pool, never on the receive loop, without allocating.</summary>
    protected void Dispatch() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    protected abstract void SetError(Exception error);

    protected abstract void Recycle();

    protected void Release()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            Recycle();
        }
    }
}
