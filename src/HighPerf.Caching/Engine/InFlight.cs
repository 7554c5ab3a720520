namespace HighPerf.Caching.Engine;

/// <summary>
/// One factory run that every concurrent caller of a key shares. The factory's token is cancelled
/// only when every caller waiting on it has cancelled, so one impatient caller cannot fail the rest.
/// </summary>
internal abstract class InFlight
{
    // Never given a timer, so it holds nothing that needs disposing; disposing it would race with Leave.
    private readonly CancellationTokenSource _factoryCancellation = new();
    private int _waiters;

    internal CancellationToken FactoryToken => _factoryCancellation.Token;

    /// <summary>Registers a caller; <see langword="false"/> when the run already lost all its callers and was cancelled (start a new one).</summary>
    internal bool TryJoin()
    {
        while (true)
        {
            var waiters = Volatile.Read(ref _waiters);
            if (waiters < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _waiters, waiters + 1, waiters) == waiters)
            {
                return true;
            }
        }
    }

    /// <summary>A caller stopped waiting; the last one to leave cancels the factory.</summary>
    internal void Leave()
    {
        if (Interlocked.Decrement(ref _waiters) == 0 && Interlocked.CompareExchange(ref _waiters, -1, 0) == 0)
        {
            _factoryCancellation.Cancel();
        }
    }
}

/// <summary>
/// The result goes out twice: the caller that started the run resumes inline on the thread that
/// completes it (as a bare Redis GET's caller would, saving a thread-pool hop per miss), and every
/// caller that joined later resumes on the thread pool, so that none of them runs the others' code.
/// </summary>
internal sealed class InFlight<T> : InFlight
{
    private readonly TaskCompletionSource<T> _starter = new(TaskCreationOptions.None);
    private readonly TaskCompletionSource<T> _joiners = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completed;

    internal Task<T> StarterResult => _starter.Task;

    internal Task<T> JoinerResult => _joiners.Task;

    internal bool IsCompleted => Volatile.Read(ref _completed) != 0;

    internal void Complete(T value)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            _joiners.SetResult(value);
            _starter.SetResult(value);
        }
    }

    internal void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            _joiners.SetException(exception);
            _starter.SetException(exception);

            // Every caller may have left already; nothing is unobserved then.
            _ = _joiners.Task.Exception;
            _ = _starter.Task.Exception;
        }
    }
}
