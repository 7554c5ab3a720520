using HighPerf.Caching.Buffers;

namespace HighPerf.Caching.Redis.Connection;

internal sealed partial class RedisConnection
{
    /// <summary>Writes whatever callers have queued since the last write, as one batch: pipelining without waiting for replies.</summary>
    private async Task SendLoopAsync(Link link)
    {
        try
        {
            while (true)
            {
                await link.SendSignal.WaitAsync().ConfigureAwait(false);
                while (true)
                {
                    PooledBufferWriter batch;
                    TaskCompletionSource? drained;
                    lock (_gate)
                    {
                        if (link.Broken)
                        {
                            return;
                        }

                        if (_writeBuffer.WrittenCount == 0)
                        {
                            _sendScheduled = false;
                            break;
                        }

                        batch = _writeBuffer;
                        _writeBuffer = _sendBuffer;
                        _sendBuffer = batch;
                        drained = _drained;
                        _drained = null;
                    }

                    drained?.TrySetResult();
                    await link.Transport.Stream.WriteAsync(batch.WrittenMemory, _disposed.Token).ConfigureAwait(false);
                    lock (_gate)
                    {
                        batch.Clear(_options.MaxPendingBytes);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            await BreakAsync(link, ex).ConfigureAwait(false);
        }
    }
}
