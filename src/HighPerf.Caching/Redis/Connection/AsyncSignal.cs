using System.Threading.Tasks.Sources;

namespace HighPerf.Caching.Redis.Connection;

/// <summary>
/// An auto-reset signal with one waiter (the send loop) that allocates nothing: the waiter's
/// continuation is run as this object queued to the thread pool, where a
/// <see cref="SemaphoreSlim"/> or a task continuation would allocate on every wake.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource, IThreadPoolWorkItem
{
    private readonly Lock _gate = new();
    private Action<object?>? _continuation;
    private object? _state;
    private short _version;
    private bool _set;

    internal void Set()
    {
        lock (_gate)
        {
            if (_continuation is null)
            {
                _set = true;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    internal ValueTask WaitAsync()
    {
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return ValueTask.CompletedTask;
            }

            return new ValueTask(this, ++_version);
        }
    }

    public void Execute()
    {
        Action<object?>? continuation;
        object? state;
        lock (_gate)
        {
            continuation = _continuation;
            state = _state;
            _continuation = null;
            _state = null;
        }

        continuation?.Invoke(state);
    }

    public void GetResult(short token)
    {
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        lock (_gate)
        {
            // Pending until Set hands the waiter over; once the continuation is taken, the wait is over.
            return token == _version && _continuation is null && !_set ? ValueTaskSourceStatus.Pending : ValueTaskSourceStatus.Succeeded;
        }
    }

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var runNow = false;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                runNow = true;
            }
            else
            {
                _continuation = continuation;
                _state = state;
            }
        }

        if (runNow)
        {
            ThreadPool.UnsafeQueueUserWorkItem(continuation, state, preferLocal: false);
        }
    }
}
