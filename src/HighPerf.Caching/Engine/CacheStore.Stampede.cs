using System.Runtime.CompilerServices;

namespace HighPerf.Caching.Engine;

internal sealed partial class CacheStore
{
    /// <summary>Past the fast path: an entry due for eager refresh is returned and refreshed in the background; otherwise the key's run is joined or started.</summary>
    private ValueTask<T> GetOrCreateSlowAsync<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, IReadOnlyList<string>? tags, CancellationToken cancellationToken)
    {
        var now = _clock.NowMilliseconds;
        var entry = _l1.GetEntry<T>(key.Hash, now);
        if (entry is not null && now < entry.FreshUntil)
        {
            CachingTelemetry.Hit(l2: false);
            StartRefresh(key, state, factory, options, tags, entry);
            return ValueTask.FromResult(entry.Value);
        }

        CachingTelemetry.Miss(l2: false);
        return JoinOrStart(key, state, factory, options, tags, entry, cancellationToken);
    }

    /// <summary>
    /// Joins the run already under way for this key, or starts one; either way this caller waits
    /// only as long as its own token allows. A starter that cannot cancel awaits the run itself,
    /// without a task of its own.
    /// </summary>
    private ValueTask<T> JoinOrStart<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, IReadOnlyList<string>? tags, L1Entry<T>? stale, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(key.Hash, out var existing))
            {
                if (existing is not InFlight<T> typed)
                {
                    return ValueTask.FromException<T>(new InvalidOperationException($"The cache key '{key}' is being created as another type than {typeof(T).Name}."));
                }

                if (typed.TryJoin())
                {
                    return cancellationToken.CanBeCanceled
                        ? new ValueTask<T>(WaitAsync(typed, typed.JoinerResult, cancellationToken))
                        : new ValueTask<T>(typed.JoinerResult);
                }

                // Every caller of that run gave up and cancelled it: replace it with a new one.
                _inFlight.TryRemove(KeyValuePair.Create(key.Hash, existing));
                continue;
            }

            var run = new InFlight<T>(cancellationToken.CanBeCanceled);
            if (!_inFlight.TryAdd(key.Hash, run))
            {
                continue;
            }

            if (cancellationToken.CanBeCanceled)
            {
                _ = RunAsync(key, state, factory, options, tags, stale, run, refresh: false, begun: null, preRead: null);
                return new ValueTask<T>(WaitAsync(run, run.StarterResult.AsTask(), cancellationToken));
            }

            return StartAsync(key, state, factory, options, tags, stale, run);
        }
    }

    /// <summary>Starts a background refresh unless a run for the key is already under way; its caller never leaves, so nothing cancels it.</summary>
    private void StartRefresh<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, IReadOnlyList<string>? tags, L1Entry<T> current)
    {
        if (_inFlight.ContainsKey(key.Hash))
        {
            return;
        }

        var run = new InFlight<T>(cancellable: false);
        if (_inFlight.TryAdd(key.Hash, run))
        {
            _ = RunAsync(key, state, factory, options, tags, current, run, refresh: true, begun: null, preRead: null);
        }
    }

    /// <summary>Waits for <paramref name="result"/> until <paramref name="cancellationToken"/> fires; then leaves the run.</summary>
    private static async Task<T> WaitAsync<T>(InFlight<T> run, Task<T> result, CancellationToken cancellationToken)
    {
        try
        {
            return await result.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.Leave();
            throw;
        }
    }

    /// <summary>
    /// The run of a starter that cannot cancel: the L1 check and the L2 read happen in the starter's own flow, so a
    /// fresh L2 hit costs one pooled state machine and no task or hand-over through the run; on anything else the run
    /// goes on in <see cref="RunAsync"/>, whose outcome the starter awaits.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T> StartAsync<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, IReadOnlyList<string>? tags, L1Entry<T>? stale, InFlight<T> run)
    {
        var miss = MissSpan.Start();
        L2Read<T> fromL2;
        try
        {
            var settings = EntrySettings.Resolve(options, _options);
            if (TryFinishFromL1(key, run, out var cached))
            {
                miss.End();
                return cached;
            }

            fromL2 = await ReadL2Async<T>(key, settings, run.FactoryToken).ConfigureAwait(false);
            if (TryFinishFromL2(key, run, fromL2, refreshed: null, miss))
            {
                miss.End();
                return fromL2.Value;
            }
        }
        catch (Exception ex)
        {
            Fail(key, run, miss, ex);
            miss.End();
            throw;
        }

        _ = RunAsync(key, state, factory, options, tags, stale, run, refresh: false, miss, fromL2);
        return await run.StarterResult.ConfigureAwait(false);
    }

    /// <summary>
    /// L2, then the factory; the result goes to every caller. When the factory fails, or is slower
    /// than the soft timeout, and a stale value is at hand (in L1, or in L2 within fail-safe), the
    /// callers get that instead. A failure with nothing stale is not cached; every caller gets it.
    /// <paramref name="begun"/> and <paramref name="preRead"/> are the span <see cref="StartAsync"/> started and what it
    /// already read from L2 (a miss or stale), if it did; otherwise the span starts here, inside this method's own flow,
    /// so that the caller's current activity is left as it was.
    /// </summary>
    private async Task RunAsync<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options, IReadOnlyList<string>? tags, L1Entry<T>? stale, InFlight<T> run, bool refresh, MissSpan? begun, L2Read<T>? preRead)
    {
        var miss = begun ?? MissSpan.Start();
        var fallback = stale;
        var factoryStarted = false;
        try
        {
            var settings = EntrySettings.Resolve(options, _options);
            L2Read<T> fromL2;
            if (preRead is { } read)
            {
                fromL2 = read;
            }
            else
            {
                // A caller may have set the value between our L1 miss and now.
                if (!refresh && TryFinishFromL1<T>(key, run, out _))
                {
                    return;
                }

                fromL2 = await ReadL2Async<T>(key, settings, run.FactoryToken).ConfigureAwait(false);
                if (TryFinishFromL2(key, run, fromL2, refresh ? stale : null, miss))
                {
                    return;
                }
            }

            if (_l2 is not null)
            {
                CachingTelemetry.Miss(l2: true);
            }

            fallback ??= fromL2.AsFallback(settings, _clock);
            miss.Activity?.SetTag("cache.level", "factory");
            CachingTelemetry.FactoryCall();
            var createdAt = _clock.UnixMilliseconds;
            factoryStarted = true;
            var pending = factory(state, run.FactoryToken);
            var value = fallback is not null && settings.HasSoftTimeout && !pending.IsCompleted
                ? await AwaitWithSoftTimeoutAsync(key, pending.AsTask(), settings.SoftTimeout, fallback, run).ConfigureAwait(false)
                : await pending.ConfigureAwait(false);
            await StoreAsync(key, value, settings, ToArray(tags), createdAt, run.FactoryToken).ConfigureAwait(false);
            Finish(key, run, value);
        }
        catch (Exception ex) when (run.IsCompleted)
        {
            // The callers already have the stale value (soft timeout); the factory went on and failed.
            Log.BackgroundFactoryFailed(_logger, key.ToString(), ex);
        }
        catch (Exception ex) when (refresh)
        {
            Log.RefreshFailed(_logger, key.ToString(), ex);
            Finish(key, run, stale!.Value);
        }
        catch (Exception ex) when (fallback is not null && factoryStarted && !run.FactoryToken.IsCancellationRequested)
        {
            Log.FailSafeServedStale(_logger, key.ToString(), ex);
            _inFlight.TryRemove(KeyValuePair.Create(key.Hash, (InFlight)run));
            ServeStale(key, fallback, run);
        }
        catch (Exception ex)
        {
            Fail(key, run, miss, ex);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key.Hash, (InFlight)run));
            miss.End();
        }
    }

    /// <summary>The run failed with nothing stale to serve: it leaves the in-flight table and every caller gets the error (not cached).</summary>
    private void Fail<T>(CacheKey key, InFlight<T> run, MissSpan miss, Exception exception)
    {
        miss.Fail(exception);
        _inFlight.TryRemove(KeyValuePair.Create(key.Hash, (InFlight)run));
        run.Fail(exception);
    }

    /// <summary>A caller may have set the value between the L1 miss and now: then the run ends with it.</summary>
    private bool TryFinishFromL1<T>(CacheKey key, InFlight<T> run, out T value)
    {
        if (!_l1.TryGetFresh(key.Hash, _clock.NowMilliseconds, out value))
        {
            return false;
        }

        Finish(key, run, value);
        return true;
    }

    /// <summary>A fresh L2 value ends the run (for a refresh, only one newer than the entry it refreshes).</summary>
    private bool TryFinishFromL2<T>(CacheKey key, InFlight<T> run, in L2Read<T> fromL2, L1Entry<T>? refreshed, MissSpan miss)
    {
        if (!fromL2.IsFresh || (refreshed is not null && fromL2.CreatedAtUnix <= refreshed.CreatedAtUnix))
        {
            return false;
        }

        miss.Activity?.SetTag("cache.level", "l2");
        CachingTelemetry.Hit(l2: true);
        Finish(key, run, fromL2.Value);
        return true;
    }

    /// <summary>The factory's value, unless it takes longer than <paramref name="timeout"/>: then the callers get the stale value and this goes on waiting, to store the new one.</summary>
    private async Task<T> AwaitWithSoftTimeoutAsync<T>(CacheKey key, Task<T> factory, TimeSpan timeout, L1Entry<T> fallback, InFlight<T> run)
    {
        using (var delay = new CancellationTokenSource())
        {
            var winner = await Task.WhenAny(factory, Task.Delay(timeout, _clock.Time, delay.Token)).ConfigureAwait(false);
            if (winner != factory)
            {
                Log.SoftTimeoutServedStale(_logger, key.ToString(), timeout.TotalMilliseconds);
                ServeStale(key, fallback, run);
            }
            else
            {
                await delay.CancelAsync().ConfigureAwait(false);
            }
        }

        return await factory.ConfigureAwait(false);
    }

    /// <summary>
    /// Fail-safe: the callers get the stale value, and it is served as fresh for the throttle
    /// duration (within its fail-safe life) so that a failing backend is not asked on every call.
    /// </summary>
    private void ServeStale<T>(CacheKey key, L1Entry<T> stale, InFlight<T> run)
    {
        CachingTelemetry.FailSafe();
        var now = _clock.NowMilliseconds;
        var freshUntil = Math.Min(CacheClock.After(now, _options.FailSafeThrottleDuration), stale.ExpiresAt);
        _l1.Set(key.Hash, new L1Entry<T>(stale.Value, stale.Size, stale.Tags, stale.CreatedAtUnix, freshUntil, freshUntil, stale.ExpiresAt), now);
        run.Complete(stale.Value);
    }

    /// <summary>
    /// The run is over: it leaves the in-flight table first, so that a caller arriving while the
    /// starter's continuation runs inline starts afresh instead of joining a finished run.
    /// </summary>
    private void Finish<T>(CacheKey key, InFlight<T> run, T value)
    {
        _inFlight.TryRemove(KeyValuePair.Create(key.Hash, (InFlight)run));
        run.Complete(value);
    }
}
