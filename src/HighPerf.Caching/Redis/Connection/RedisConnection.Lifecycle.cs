using Microsoft.Extensions.Logging;

namespace HighPerf.Caching.Redis.Connection;

internal sealed partial class RedisConnection
{
    private int _reconnecting;
    private bool _everConnected;

    /// <summary>Opens a socket, starts its loops and runs the handshake; only then do commands flow.</summary>
    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var transport = await RedisTransport.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        var link = new Link(transport);
        lock (_gate)
        {
            if (_state == ConnectionState.Disposed)
            {
                link.Broken = true;
            }
            else
            {
                _link = link;
                _state = ConnectionState.Handshaking;
                _writeBuffer.Clear(InitialBufferSize);
                _sendScheduled = false;
            }
        }

        if (link.Broken)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(RedisClient));
        }

        link.Finished = Task.WhenAll(
            Task.Run(() => SendLoopAsync(link), CancellationToken.None),
            Task.Run(() => ReceiveLoopAsync(link), CancellationToken.None));

        try
        {
            await HandshakeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await BreakAsync(link, ex).ConfigureAwait(false);
            throw;
        }

        lock (_gate)
        {
            if (_link == link && _state == ConnectionState.Handshaking)
            {
                _state = ConnectionState.Connected;
                _everConnected = true;
            }
        }
    }

    /// <summary>Ends a socket's life once: commands not yet sent are dropped (their callers fail), the loops stop, and reconnection starts.</summary>
    private async Task BreakAsync(Link link, Exception? cause)
    {
        TaskCompletionSource? drained;
        bool reconnect;
        lock (_gate)
        {
            if (link.Broken)
            {
                return;
            }

            link.Broken = true;
            drained = null;
            reconnect = false;
            if (_link == link)
            {
                _link = null;
                _writeBuffer.Clear(InitialBufferSize);
                _sendScheduled = false;
                drained = _drained;
                _drained = null;
                if (_state != ConnectionState.Disposed)
                {
                    reconnect = _everConnected && _state == ConnectionState.Connected;
                    _state = ConnectionState.Broken;
                }
            }
        }

        drained?.TrySetResult();
        link.SendSignal.Set();
        link.Transport.Input.CancelPendingRead();
        await link.Transport.DisposeAsync().ConfigureAwait(false);

        if (reconnect)
        {
            Log.ConnectionLost(_logger, RedisTransport.Describe(_options), cause);
            if (Interlocked.Exchange(ref _reconnecting, 1) == 0)
            {
                _ = Task.Run(ReconnectLoopAsync);
            }
        }
    }

    /// <summary>Tries again with exponential backoff until a socket is open and its handshake done, or the client is disposed.</summary>
    private async Task ReconnectLoopAsync()
    {
        var delay = _options.ReconnectMinDelay;
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
                try
                {
                    await OpenAsync(_disposed.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!_disposed.IsCancellationRequested)
                {
                    Log.ReconnectFailed(_logger, RedisTransport.Describe(_options), delay.TotalMilliseconds, ex);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                    continue;
                }

                Log.Reconnected(_logger, RedisTransport.Describe(_options));
                if (Reconnected is { } reconnected)
                {
                    try
                    {
                        await reconnected(this).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!_disposed.IsCancellationRequested)
                    {
                        Log.ReconnectHookFailed(_logger, RedisTransport.Describe(_options), ex);
                    }
                }

                // A break between the reconnect and now found this loop still running and started none.
                Volatile.Write(ref _reconnecting, 0);
                if (IsConnected || _disposed.IsCancellationRequested || Interlocked.Exchange(ref _reconnecting, 1) != 0)
                {
                    return;
                }

                delay = _options.ReconnectMinDelay;
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reconnecting: the flag may stay set, nothing reconnects a disposed client.
        }
    }
}
