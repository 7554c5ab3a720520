using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Data.IO;

namespace HighPerf.Sample.Events;

/// <summary>The outcome of a bulk load: rows stored, or the reason none were.</summary>
internal readonly record struct BulkResult(long Inserted, double DurationMs, string? Error)
{
    internal double RowsPerSecond => DurationMs <= 0 ? 0 : Inserted / (DurationMs / 1000);
}

/// <summary>
/// <c>POST /samples/events/bulk</c>'s engine: a JSON array read from the request's pipe, window by window, with
/// <see cref="Utf8JsonReader"/>, each object validated and written straight into its columns as it is read
/// (<see cref="EventBatch"/>), which go to DuckDB's appender a batch at a time, all in one transaction: the first
/// bad row rolls everything back and is named in the error.
/// </summary>
internal sealed class EventBulkLoader(EventStore store)
{
    /// <summary>The most rows one request may carry.</summary>
    internal const int MaxRows = 1_000_000;

    internal async Task<BulkResult> LoadAsync(PipeReader body, CancellationToken cancellationToken)
    {
        using var writer = await store.EnterWriterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var connection = await store.Database.OpenConnectionAsync(cancellationToken);
        var scratch = ArrayPool<byte>.Shared.Rent(EventSchema.MaxPropertiesBytes);
        // One contiguous window at a time: a pipe's segments would cost the JSON reader its fast path.
        using var input = new ContiguousPipeReader(body);
        try
        {
            using var appender = connection.CreateAppender(EventSchema.Table);
            using var batch = new EventBatch(appender);
            var parse = new ParseState { NextId = writer.NextId, Now = EventAppend.Now() };
            while (true)
            {
                var read = await input.ReadAsync(cancellationToken);
                var consumed = 0;
                try
                {
                    consumed = (int)Parse(ref parse, new ReadOnlySequence<byte>(read.Bytes), read.IsFinal, batch, scratch);
                }
                finally
                {
                    // A row cut off by the window's end comes back, whole, at the start of the next read.
                    input.Advance(consumed);
                }

                if (parse.Error is not null)
                {
                    return new BulkResult(0, 0, parse.Error);
                }

                if (parse.Finished)
                {
                    break;
                }

                if (read.IsFinal)
                {
                    return new BulkResult(0, 0, $"The body ended inside the array, after {parse.Rows} complete rows.");
                }
            }

            batch.Flush();
            appender.Complete();
            writer.Committed(parse.NextId - 1);
            return new BulkResult(parse.Rows, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            connection.Dispose();
        }
    }

    /// <summary>
    /// Reads every complete row of <paramref name="buffer"/> into the batch (full batches go to the appender) and returns how many bytes
    /// were fully used; a row cut off by the buffer's end is read again, whole, with the next bytes.
    /// </summary>
    private static long Parse(ref ParseState state, in ReadOnlySequence<byte> buffer, bool isFinalBlock, EventBatch batch, byte[] scratch)
    {
        var reader = new Utf8JsonReader(buffer, isFinalBlock, state.Reader);
        long consumed = 0;
        try
        {
            if (!state.InArray)
            {
                if (!reader.Read())
                {
                    return 0;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    state.Error = "The body must be a JSON array of events.";
                    return 0;
                }

                state.InArray = true;
                consumed = reader.BytesConsumed;
                state.Reader = reader.CurrentState;
            }

            while (!state.Finished)
            {
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    state.Finished = true;
                }
                else if (reader.TokenType != JsonTokenType.StartObject)
                {
                    state.Error = $"Row {state.Rows}: every element of the array must be an event object.";
                    return consumed;
                }
                else
                {
                    var status = EventJsonReader.Read(ref reader, buffer, out var row, out var error);
                    if (status == ReadStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == ReadStatus.Invalid)
                    {
                        state.Error = $"Row {state.Rows}: {error}";
                        return consumed;
                    }

                    if (state.Rows == MaxRows)
                    {
                        state.Error = $"Row {state.Rows}: a bulk request carries at most {MaxRows} events.";
                        return consumed;
                    }

                    batch.Add(state.NextId++, row, state.Now, scratch);
                    state.Rows++;
                }

                consumed = reader.BytesConsumed;
                state.Reader = reader.CurrentState;
            }

            if (state.Finished && isFinalBlock)
            {
                // Anything but white space after the array makes the reader throw here.
                _ = reader.Read();
            }

            return consumed;
        }
        catch (JsonException ex)
        {
            state.Error = $"Row {state.Rows}: the body is not valid JSON (byte {ex.BytePositionInLine} of line {ex.LineNumber + 1}).";
            return consumed;
        }
    }

    private struct ParseState
    {
        internal JsonReaderState Reader;
        internal bool InArray;
        internal bool Finished;
        internal long Rows;
        internal long NextId;
        internal DateTimeOffset Now;
        internal string? Error;
    }
}
