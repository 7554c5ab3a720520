using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// Fills a <see cref="CArrowArrayStream"/> over a sequence of record batches. Consumers such as DuckDB may
/// call back from any thread, so each callback takes the stream's lock. No exception ever crosses into
/// native code: a failure becomes an errno value and a message for <c>get_last_error</c>.
/// </summary>
internal static unsafe class StreamExporter
{
    private const int EIO = 5;
    private const int EINVAL = 22;

    /// <param name="schema">The batches' schema.</param>
    /// <param name="batches">The batches, handed out in order.</param>
    /// <param name="disposeBatches">Whether each batch is disposed once it has been handed out (its buffers live on in the exported arrays).</param>
    /// <param name="destination">The stream structure to fill.</param>
    /// <param name="windowRows">
    /// The most rows one exported array holds: a longer batch goes out as several arrays over its buffers (each column's
    /// offset moved), so that a consumer that spreads arrays over threads, such as DuckDB, has several to spread.
    /// </param>
    public static void Export(Schema schema, IEnumerable<RecordBatch> batches, bool disposeBatches, CArrowArrayStream* destination, int windowRows = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowRows);
        var state = new State(schema, batches.GetEnumerator(), disposeBatches, windowRows);
        *destination = new CArrowArrayStream
        {
            GetSchema = &GetSchema,
            GetNext = &GetNext,
            GetLastError = &GetLastError,
            Release = &Release,
            PrivateData = (void*)GCHandle.ToIntPtr(GCHandle.Alloc(state)),
        };
        ExportCounters.StreamExported();
    }

    private static State StateOf(CArrowArrayStream* stream) => (State)GCHandle.FromIntPtr((nint)stream->PrivateData).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSchema(CArrowArrayStream* stream, CArrowSchema* destination)
    {
        if (stream == null || stream->Release == null || destination == null)
        {
            return EINVAL;
        }

        var state = StateOf(stream);
        lock (state)
        {
            try
            {
                SchemaExporter.ExportSchema(state.Schema, destination);
                state.ClearError();
                return 0;
            }
            catch (Exception exception)
            {
                state.SetError(exception);
                return EIO;
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetNext(CArrowArrayStream* stream, CArrowArray* destination)
    {
        if (stream == null || stream->Release == null || destination == null)
        {
            return EINVAL;
        }

        var state = StateOf(stream);
        lock (state)
        {
            try
            {
                if (state.Current is null)
                {
                    if (state.Finished || !state.Batches.MoveNext())
                    {
                        state.Finished = true;
                        *destination = default;
                        return 0;
                    }

                    var next = state.Batches.Current;
                    if (!SameColumns(next.Schema, state.Schema))
                    {
                        if (state.DisposeBatches)
                        {
                            next.Dispose();
                        }

                        state.SetError(new ArrowFormatException(ArrowErrorKind.SchemaMismatch, "Arrow: a batch of the exported stream does not match the stream's schema."));
                        return EINVAL;
                    }

                    state.Current = next;
                    state.Position = 0;
                }

                var batch = state.Current;
                var start = state.Position;
                var count = Math.Min(batch.Length - start, state.WindowRows);
                try
                {
                    ArrayExporter.ExportRecordBatch(batch, destination);
                    if (count < batch.Length)
                    {
                        ArrayExporter.Narrow(destination, start, count);
                    }
                }
                finally
                {
                    state.Position = start + count;
                    if (state.Position >= batch.Length)
                    {
                        state.Current = null;
                        if (state.DisposeBatches)
                        {
                            batch.Dispose();
                        }
                    }
                }

                state.ClearError();
                return 0;
            }
            catch (Exception exception)
            {
                state.SetError(exception);
                return EIO;
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte* GetLastError(CArrowArrayStream* stream)
    {
        if (stream == null || stream->Release == null)
        {
            return null;
        }

        var state = StateOf(stream);
        lock (state)
        {
            return state.LastError;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(CArrowArrayStream* stream)
    {
        if (stream == null || stream->Release == null)
        {
            return;
        }

        var handle = GCHandle.FromIntPtr((nint)stream->PrivateData);
        var state = (State)handle.Target!;
        lock (state)
        {
            try
            {
                // A batch released part way through its windows is ours to dispose, like the ones handed out whole.
                if (state.DisposeBatches)
                {
                    state.Current?.Dispose();
                }

                state.Current = null;
                state.Batches.Dispose();
            }
            catch (Exception exception)
            {
                // Nothing can be reported from a release callback; the batches' source failed to clean up.
                GC.KeepAlive(exception);
            }

            state.ClearError();
        }

        handle.Free();
        stream->PrivateData = null;
        stream->Release = null;
        ExportCounters.StreamReleased();
    }

    private static bool SameColumns(Schema batch, Schema stream)
    {
        if (ReferenceEquals(batch, stream))
        {
            return true;
        }

        var a = batch.FieldSpan;
        var b = stream.FieldSpan;
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Type.Equals(b[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class State(Schema schema, IEnumerator<RecordBatch> batches, bool disposeBatches, int windowRows)
    {
        public Schema Schema { get; } = schema;

        public int WindowRows { get; } = windowRows;

        /// <summary>The batch being handed out window by window, or <see langword="null"/> between batches.</summary>
        public RecordBatch? Current { get; set; }

        /// <summary>The first row of <see cref="Current"/> not yet handed out.</summary>
        public int Position { get; set; }

        public IEnumerator<RecordBatch> Batches { get; } = batches;

        public bool DisposeBatches { get; } = disposeBatches;

        public bool Finished { get; set; }

        public byte* LastError { get; private set; }

        public void SetError(Exception exception)
        {
            ClearError();
            var message = exception.Message;
            var length = Encoding.UTF8.GetByteCount(message);
            var text = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(message, new Span<byte>(text, length));
            text[length] = 0;
            LastError = text;
        }

        public void ClearError()
        {
            NativeMemory.Free(LastError);
            LastError = null;
        }
    }
}
