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

/// <inheritdoc />
internal sealed class InFlight<T> : InFlight
{
    internal TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
