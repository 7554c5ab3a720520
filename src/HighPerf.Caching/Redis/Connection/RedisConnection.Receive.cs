using System.Buffers;
using HighPerf.Caching.Redis.Operations;
using HighPerf.Caching.Redis.Resp;
using Microsoft.Extensions.Logging;

namespace HighPerf.Caching.Redis.Connection;

internal sealed partial class RedisConnection
{
    /// <summary>Hands each complete reply to the oldest waiting command, and push messages to <see cref="PushReceived"/>.</summary>
    private async Task ReceiveLoopAsync(Link link)
    {
        Exception? failure = null;
        var input = link.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_disposed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var batch = CompletionBatch.Rent();
                try
                {
                    while (TryTakeFrame(ref buffer, out var frame))
                    {
                        Dispatch(link, frame, batch);
                    }
                }
                finally
                {
                    // Even when a bad frame ends the loop, the replies before it reach their callers.
                    if (batch.Count > 0)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(batch, preferLocal: false);
                    }
                    else
                    {
                        batch.Return();
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled || link.Broken)
                {
                    failure = new RedisException(RedisErrorKind.Connection, $"The connection to {RedisTransport.Describe(_options)} was closed.");
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        await BreakAsync(link, failure).ConfigureAwait(false);

        // The only consumer of this queue: nothing else can take a reply or a command from it.
        var error = failure is RedisException { Kind: RedisErrorKind.Connection } or ObjectDisposedException
            ? failure
            : new RedisException(RedisErrorKind.Connection, $"The connection to {RedisTransport.Describe(_options)} was lost.", failure);
        while (link.Pending.TryDequeue(out var operation))
        {
            operation.TryFail(error);
            operation.ReleaseFromPipeline();
        }
    }

    private static bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!RespScanner.TrySkipValue(ref reader))
        {
            frame = default;
            return false;
        }

        frame = buffer.Slice(0, reader.Position);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private void Dispatch(Link link, in ReadOnlySequence<byte> bytes, CompletionBatch batch)
    {
        if (IsPush(bytes))
        {
            var push = new RespFrame(bytes).ReadReply();
            try
            {
                PushReceived?.Invoke(push);
            }
            catch (Exception ex)
            {
                // A subscriber's handler must not take the connection down with it.
                Log.PushHandlerFailed(_logger, ex);
            }

            return;
        }

        if (!link.Pending.TryDequeue(out var operation))
        {
            RedisException.ThrowProtocol("a reply arrived with no command waiting for it");
        }

        try
        {
            var frame = new RespFrame(bytes);
            if (operation.TryTakeReply(ref frame))
            {
                batch.Add(operation);
            }
        }
        finally
        {
            operation.ReleaseFromPipeline();
        }
    }

    /// <summary>
    /// RESP3 push frames are out of band. On a subscriber connection, published messages are too,
    /// in either protocol, while (un)subscribe confirmations answer the command that asked for them.
    /// </summary>
    private bool IsPush(in ReadOnlySequence<byte> bytes)
    {
        var frame = new RespFrame(bytes);
        var type = frame.Type;
        if (!_subscriber)
        {
            return type == (byte)'>';
        }

        if (type is not ((byte)'>' or (byte)'*'))
        {
            return false;
        }

        if (frame.ReadAggregateHeader() < 1)
        {
            return false;
        }

        var kind = frame.ReadText();
        return kind is "message" or "pmessage" or "smessage";
    }
}
