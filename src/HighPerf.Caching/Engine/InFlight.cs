using System.Threading.Tasks.Sources;

namespace HighPerf.Caching.Engine;

/// <summary>
/// One factory run that every concurrent caller of a key shares. The factory's token is cancelled
/// only when every caller waiting on it has cancelled, so one impatient caller cannot fail the rest.
/// A run whose starter cannot cancel can never lose all its callers: it has no token source at all.
/// </summary>
internal abstract class InFlight
{
    // Never given a timer, so it holds nothing that needs disposing; disposing it would race with Leave.
    private readonly CancellationTokenSource? _factoryCancellation;
    private int _waiters = 1;

    /// <param name="cancellable">Whether the caller that starts the run may stop waiting for it.</param>
    protected InFlight(bool cancellable) => _factoryCancellation = cancellable ? new CancellationTokenSource() : null;

    internal CancellationToken FactoryToken => _factoryCancellation?.Token ?? CancellationToken.None;

    /// <summary>Registers a caller after the starter; <see langword="false"/> when the run already lost all its callers and was cancelled (start a new one).</summary>
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
            _factoryCancellation?.Cancel();
        }
    }
}

/// <summary>
/// The result goes out twice: the caller that started the run awaits the run itself, as a
/// <see cref="ValueTask{TResult}"/> that resumes inline on the thread that completes it (as a bare
/// Redis GET's caller would, saving a thread-pool hop and a task per miss), and the callers that
/// joined later share a task, made only when the first of them arrives, that resumes them on the
/// thread pool, so that none of them runs the others' code.
/// </summary>
internal sealed class InFlight<T>(bool cancellable) : InFlight(cancellable), IValueTaskSource<T>
{
    private ManualResetValueTaskSourceCore<T> _starter;
    private TaskCompletionSource<T>? _joiners;
    private const int Open = 0;
    private const int Claimed = 1;
    private const int Done = 2;

    private int _state;
    private T? _value;
    private Exception? _error;

    /// <summary>What the starter awaits; await it once.</summary>
    internal ValueTask<T> StarterResult => new(this, _starter.Version);

    /// <summary>What every caller that joined awaits.</summary>
    internal Task<T> JoinerResult
    {
        get
        {
            if (Volatile.Read(ref _joiners) is { } existing)
            {
                return existing.Task;
            }

            var created = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var joiners = Interlocked.CompareExchange(ref _joiners, created, null) ?? created;

            // The run may have ended before the source was published: it then never saw it.
            if (ReferenceEquals(joiners, created) && Volatile.Read(ref _state) == Done)
            {
                SetJoiners(joiners);
            }

            return joiners.Task;
        }
    }

    internal bool IsCompleted => Volatile.Read(ref _state) != Open;

    /// <summary>Ends the run with <paramref name="value"/>, unless it has ended.</summary>
    internal void Complete(T value)
    {
        if (Interlocked.CompareExchange(ref _state, Claimed, Open) == Open)
        {
            _value = value;
            End();
        }
    }

    /// <summary>Ends the run with <paramref name="exception"/>, unless it has ended.</summary>
    internal void Fail(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _state, Claimed, Open) == Open)
        {
            _error = exception;
            End();
        }
    }

    T IValueTaskSource<T>.GetResult(short token) => _starter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) => _starter.GetStatus(token);

    void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _starter.OnCompleted(continuation, state, token, flags);

    /// <summary>Publishes the outcome, then hands it to the joiners' source if one exists, then to the starter.</summary>
    private void End()
    {
        // A full fence, paired with the publication of the joiners' source: one side sees the other.
        Interlocked.Exchange(ref _state, Done);
        if (Volatile.Read(ref _joiners) is { } joiners)
        {
            SetJoiners(joiners);
        }

        if (_error is { } error)
        {
            _starter.SetException(error);
        }
        else
        {
            _starter.SetResult(_value!);
        }
    }

    private void SetJoiners(TaskCompletionSource<T> joiners)
    {
        if (_error is { } error)
        {
            if (joiners.TrySetException(error))
            {
                // Every joiner may have left already; nothing is unobserved then.
                _ = joiners.Task.Exception;
            }
        }
        else
        {
            joiners.TrySetResult(_value!);
        }
    }
}
