namespace HighPerf.Caching.Engine;

internal sealed partial class CacheStore
{
    /// <summary>Waits for the run already under way for this key, or starts one; either way this caller waits only as long as its own token allows.</summary>
    private async Task<T> JoinOrStartAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var existing))
            {
                if (existing is not InFlight<T> typed)
                {
                    throw new InvalidOperationException($"The key '{key}' is being created as another type than {typeof(T).Name}.");
                }

                if (typed.TryJoin())
                {
                    return await WaitAsync(typed, cancellationToken).ConfigureAwait(false);
                }

                // Every caller of that run gave up and cancelled it: replace it with a new one.
                _inFlight.TryRemove(KeyValuePair.Create(key, existing));
                continue;
            }

            var run = new InFlight<T>();
            run.TryJoin();
            if (!_inFlight.TryAdd(key, run))
            {
                continue;
            }

            _ = RunAsync(key, state, factory, options, run);
            return await WaitAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> WaitAsync<T>(InFlight<T> run, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return await run.Result.Task.ConfigureAwait(false);
        }

        try
        {
            return await run.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.Leave();
            throw;
        }
    }

    /// <summary>L2, then the factory; the result (or the exception, which is not cached) goes to every caller.</summary>
    private async Task RunAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, InFlight<T> run)
    {
        try
        {
            // A caller may have set the value between our L1 miss and now.
            if (_l1.TryGet<T>(key, out var cached))
            {
                run.Result.TrySetResult(cached);
                return;
            }

            var (found, fromL2) = await ReadL2Async<T>(key, options, run.FactoryToken).ConfigureAwait(false);
            if (found)
            {
                run.Result.TrySetResult(fromL2);
                return;
            }

            var value = await factory(state, run.FactoryToken).ConfigureAwait(false);
            await StoreAsync(key, value, options, run.FactoryToken).ConfigureAwait(false);
            run.Result.TrySetResult(value);
        }
        catch (Exception ex)
        {
            run.Result.TrySetException(ex);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, (InFlight)run));
        }
    }
}
