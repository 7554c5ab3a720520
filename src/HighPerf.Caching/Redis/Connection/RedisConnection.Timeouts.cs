using System.Diagnostics;

namespace HighPerf.Caching.Redis.Connection;

internal sealed partial class RedisConnection
{
    /// <summary>
    /// One timer for all commands instead of one per command: it fails those waiting longer than the
    /// command timeout. They stay queued, and their late replies are discarded when they come.
    /// </summary>
    private void StartTimeoutLoop() => _ = Task.Run(TimeoutLoopAsync);

    private async Task TimeoutLoopAsync()
    {
        var timeout = _options.CommandTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 8, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerSecond));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token).ConfigureAwait(false))
            {
                var link = Volatile.Read(ref _link);
                if (link is null)
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                foreach (var operation in link.Pending)
                {
                    if (!operation.IsCompleted && Stopwatch.GetElapsedTime(operation.QueuedAt, now) > timeout)
                    {
                        operation.TryFail(new RedisException(RedisErrorKind.Timeout,
                            $"No reply from {RedisTransport.Describe(_options)} within {timeout.TotalMilliseconds:0} ms."));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
