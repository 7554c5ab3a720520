using HighPerf.Caching.Buffers;
using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;
using Microsoft.Extensions.Logging;

namespace HighPerf.Caching.Redis.Connection;

/// <summary>
/// One logical connection to one server, shared by every caller. Commands from any thread are
/// encoded into a send buffer and queued, in the same order, under one lock; a send loop writes
/// whole batches to the socket (pipelining) and a receive loop matches replies to the queue in
/// order. When the socket is lost, in-flight commands fail at once and a new socket is opened
/// with backoff; commands sent meanwhile fail fast.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly RedisConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly bool _subscriber;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private PooledBufferWriter _writeBuffer = new(InitialBufferSize);
    private PooledBufferWriter _sendBuffer = new(InitialBufferSize);
    private TaskCompletionSource? _drained;
    private volatile ConnectionState _state = ConnectionState.Connecting;
    private Link? _link;
    private bool _sendScheduled;

    private RedisConnection(RedisConnectionOptions options, ILogger logger, bool subscriber)
    {
        _options = options;
        _logger = logger;
        _subscriber = subscriber;
    }

    /// <summary>Raised on the receive loop for every out-of-band message (RESP3 push; pub/sub messages on a subscriber connection).</summary>
    internal Action<RedisReply>? PushReceived { get; set; }

    /// <summary>Awaited after a lost connection is re-established and its handshake done, before other commands flow.</summary>
    internal Func<RedisConnection, Task>? Reconnected { get; set; }

    internal bool IsConnected => _state == ConnectionState.Connected;

    internal static async Task<RedisConnection> ConnectAsync(RedisConnectionOptions options, ILogger logger, bool subscriber, CancellationToken cancellationToken)
    {
        var connection = new RedisConnection(options, logger, subscriber);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            connection.StartTimeoutLoop();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues a command and returns its result; fails fast when the connection is down.</summary>
    internal ValueTask<T> SendAsync<T, TParser, TCommand>(scoped in TCommand command, object? state, CancellationToken cancellationToken)
        where TParser : IReplyParser<T>
        where TCommand : IRespCommand, allows ref struct
        => Send<T, TParser, TCommand>(command, state, handshake: false, cancellationToken);

    private ValueTask<T> Send<T, TParser, TCommand>(scoped in TCommand command, object? state, bool handshake, CancellationToken cancellationToken)
        where TParser : IReplyParser<T>
        where TCommand : IRespCommand, allows ref struct
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        RedisOperation<T, TParser> operation;
        Link? signal = null;
        lock (_gate)
        {
            var current = _state;
            if (_link is not { } link || (current != ConnectionState.Connected && !(handshake && current == ConnectionState.Handshaking)))
            {
                return ValueTask.FromException<T>(NotConnected(current));
            }

            if (_writeBuffer.WrittenCount >= _options.MaxPendingBytes && !handshake)
            {
                return WaitForRoomThenSendAsync<T, TParser>(EncodedCommand.From(command), state, cancellationToken);
            }

            operation = RedisOperation<T, TParser>.Rent(state, cancellationToken);
            link.Pending.Enqueue(operation);
            command.Write(_writeBuffer);
            if (!_sendScheduled)
            {
                _sendScheduled = true;
                signal = link;
            }
        }

        signal?.SendSignal.Set();
        return operation.Task;
    }

    /// <summary>The slow path of backpressure: the send buffer is full, so wait until the send loop takes it.</summary>
    private async ValueTask<T> WaitForRoomThenSendAsync<T, TParser>(EncodedCommand command, object? state, CancellationToken cancellationToken)
        where TParser : IReplyParser<T>
    {
        while (true)
        {
            Task drained;
            lock (_gate)
            {
                if (_writeBuffer.WrittenCount < _options.MaxPendingBytes || _state != ConnectionState.Connected)
                {
                    break;
                }

                drained = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            try
            {
                await drained.WaitAsync(_options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RedisException(RedisErrorKind.Timeout, $"The send buffer stayed full for {_options.CommandTimeout.TotalMilliseconds:0} ms.");
            }
        }

        return await Send<T, TParser, EncodedCommand>(command, state, handshake: false, cancellationToken).ConfigureAwait(false);
    }

    private Exception NotConnected(ConnectionState state) => state == ConnectionState.Disposed
        ? new ObjectDisposedException(nameof(RedisClient))
        : new RedisException(RedisErrorKind.Connection, $"Not connected to {RedisTransport.Describe(_options)}; reconnecting.");

    public async ValueTask DisposeAsync()
    {
        Link? link;
        lock (_gate)
        {
            if (_state == ConnectionState.Disposed)
            {
                return;
            }

            _state = ConnectionState.Disposed;
            link = _link;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (link is not null)
        {
            await BreakAsync(link, new ObjectDisposedException(nameof(RedisClient))).ConfigureAwait(false);
            await link.Finished.ConfigureAwait(false);
        }

        lock (_gate)
        {
            _writeBuffer.Dispose();
            _sendBuffer.Dispose();
        }

        _disposed.Dispose();
    }

    private enum ConnectionState
    {
        Connecting,
        Handshaking,
        Connected,
        Broken,
        Disposed,
    }
}
