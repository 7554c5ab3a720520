using System.Collections.Concurrent;

namespace HighPerf.Caching.Engine;

/// <summary>
/// The deadlines of L2 calls, kept by one coarse timer instead of one timer per call: a
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> per read re-arms the runtime's timer
/// queue (and wakes its thread) twice a call, which on a small machine costs more than the
/// engine's own work on an L2 hit. Deadlines are met to within a tick (a tenth of the timeout,
/// 10 ms to 100 ms); the token sources are pooled.
/// </summary>
internal sealed class L2Timeouts : IDisposable
{
    private const int PoolCapacity = 64;

    private readonly ConcurrentDictionary<CancellationTokenSource, long> _pending = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentQueue<CancellationTokenSource> _pool = new();
    private readonly long _timeoutMilliseconds;
    private readonly Timer? _timer;

    internal L2Timeouts(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            _timeoutMilliseconds = -1;
            return;
        }

        _timeoutMilliseconds = Math.Max(0, (long)timeout.TotalMilliseconds);
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_timeoutMilliseconds / 10, 10, 100));
        _timer = new Timer(static state => ((L2Timeouts)state!).CancelOverdue(), this, tick, tick);
    }

    /// <summary>A token that is cancelled at the deadline or with <paramref name="outer"/>; dispose the lease when the call is over.</summary>
    internal Lease Start(CancellationToken outer)
    {
        if (!_pool.TryDequeue(out var source))
        {
            source = new CancellationTokenSource();
        }

        if (_timeoutMilliseconds >= 0)
        {
            _pending[source] = Environment.TickCount64 + _timeoutMilliseconds;
        }

        var registration = outer.CanBeCanceled
            ? outer.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source)
            : default;
        return new Lease(this, source, registration);
    }

    public void Dispose() => _timer?.Dispose();

    private void CancelOverdue()
    {
        var now = Environment.TickCount64;
        foreach (var (source, deadline) in _pending)
        {
            if (now >= deadline && _pending.TryRemove(source, out _))
            {
                source.Cancel();
            }
        }
    }

    private void End(CancellationTokenSource source, CancellationTokenRegistration registration)
    {
        registration.Dispose();

        // A source the timer has taken is being cancelled (now or in a moment): never pooled.
        var ours = _timeoutMilliseconds < 0 || _pending.TryRemove(source, out _);
        if (ours && source.TryReset() && _pool.Count < PoolCapacity)
        {
            _pool.Enqueue(source);
        }
        else
        {
            source.Dispose();
        }
    }

    internal readonly struct Lease(L2Timeouts owner, CancellationTokenSource source, CancellationTokenRegistration registration) : IDisposable
    {
        internal CancellationToken Token => source.Token;

        public void Dispose() => owner.End(source, registration);
    }
}
