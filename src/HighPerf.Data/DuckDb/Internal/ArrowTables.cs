using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// Arrow batches registered as tables: a table function <c>highperf_arrow_scan('name')</c> and a
/// replacement scan that turns <c>FROM name</c> into it, both database-wide. Each output vector of the scan
/// references the Arrow buffers (through <c>duckdb_data_chunk_from_arrow</c> and
/// <c>duckdb_vector_reference_vector</c>): fixed-width values are never copied, strings get 16-byte
/// entries pointing into the Arrow data. The scan runs on DuckDB's threads, one window of 2,048 rows at a
/// time, handed out by an atomic counter.
/// </summary>
internal sealed unsafe class ArrowTables
{
    internal const string FunctionName = "highperf_arrow_scan";

    private readonly ConcurrentDictionary<string, ArrowTableEntry> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _setup = new();
    private SafeConnectionHandle? _converter;

    /// <summary>The connection DuckDB's Arrow conversion functions take; never handed out, kept open while a scan uses it.</summary>
    private SafeConnectionHandle Converter => _converter!;

    internal ArrowTableEntry Register(SafeDatabaseHandle database, string name, Schema schema, RecordBatch[] batches, bool ownsBatches)
    {
        EnsureFunction(database);
        var entry = new ArrowTableEntry(name, schema, batches, checked((int)NativeMethods.VectorSize()), ownsBatches);
        try
        {
            entry.DuckDbTypes = DiscoverTypes(schema);
        }
        catch
        {
            entry.Release();
            throw;
        }

        if (!_tables.TryAdd(name, entry))
        {
            entry.Release();
            throw new ArgumentException($"An Arrow table called '{name}' is already registered.", nameof(name));
        }

        return entry;
    }

    internal void Unregister(ArrowTableEntry entry)
    {
        if (_tables.TryRemove(new KeyValuePair<string, ArrowTableEntry>(entry.Name, entry)))
        {
            entry.Release();
        }
    }

    internal void Dispose()
    {
        foreach (var entry in _tables.Values)
        {
            Unregister(entry);
        }

        _converter?.Dispose();
    }

    private void EnsureFunction(SafeDatabaseHandle database)
    {
        lock (_setup)
        {
            if (_converter is not null)
            {
                return;
            }

            var connection = ConnectionPool.Connect(database, null);
            var function = NativeMethods.CreateTableFunction();
            try
            {
                NativeMethods.TableFunctionSetName(function, FunctionName);
                using (var varchar = NativeMethods.CreateLogicalType(DuckDbType.Varchar))
                {
                    NativeMethods.TableFunctionAddParameter(function, varchar);
                }

                NativeMethods.TableFunctionSetExtraInfo(function, GCHandle.ToIntPtr(GCHandle.Alloc(this)), &FreeHandle);
                NativeMethods.TableFunctionSetBind(function, &Bind);
                NativeMethods.TableFunctionSetInit(function, &Init);
                NativeMethods.TableFunctionSetFunction(function, &Scan);
                NativeMethods.TableFunctionSupportsProjectionPushdown(function, true);
                if (NativeMethods.RegisterTableFunction(connection, function) != DuckDbState.Success)
                {
                    throw new DuckDbException(DuckDbErrorKind.Internal, $"DuckDB refused to register the table function {FunctionName}.");
                }

                NativeMethods.AddReplacementScan(database, &Replace, GCHandle.ToIntPtr(GCHandle.Alloc(this)), &FreeHandle);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            finally
            {
                NativeMethods.DestroyTableFunction(ref function);
            }

            _converter = connection;
        }
    }

    /// <summary>DuckDB's own types for the schema: a one-row batch of nulls converted by DuckDB, whose vectors tell.</summary>
    private SafeLogicalTypeHandle[] DiscoverTypes(Schema schema)
    {
        var columns = new ArrowArray[schema.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            using var builder = ArrowArrayBuilder.Create(schema.Fields[i].Type);
            builder.AppendNull();
            columns[i] = builder.BuildArray();
        }

        var probe = new RecordBatch(schema, columns, 1);
        var entry = new ArrowTableEntry("probe", schema, [probe], 1);
        var all = new int[columns.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        var converted = ConvertSchema(Converter, schema, all);
        try
        {
            using var chunk = Convert(entry, converted, all, new ArrowTableEntry.Window(0, 0, 1));
            var types = new SafeLogicalTypeHandle[columns.Length];
            for (var i = 0; i < types.Length; i++)
            {
                types[i] = NativeMethods.VectorGetColumnType(NativeMethods.DataChunkGetVector(chunk.DangerousGetHandle(), (ulong)i));
            }

            return types;
        }
        finally
        {
            NativeMethods.DestroyArrowConvertedSchema(ref converted);
            entry.Release();
        }
    }

    private static IntPtr ConvertSchema(SafeConnectionHandle connection, Schema schema, int[] projection)
    {
        var fields = new Field[projection.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = schema.Fields[projection[i]];
        }

        CArrowSchema exported = default;
        ArrowCData.ExportSchema(new Schema(fields), &exported);
        try
        {
            Errors.ThrowIfError(NativeMethods.SchemaFromArrow(connection, &exported, out var converted), "DuckDB could not read the Arrow schema.");
            return converted;
        }
        finally
        {
            CArrowSchema.Free(&exported);
        }
    }

    /// <summary>
    /// A data chunk over one window of the projected columns. The structures handed to DuckDB are views made on
    /// the stack: their release callback does nothing, because the memory belongs to the entry, which outlives
    /// the scan.
    /// </summary>
    private SafeDataChunkHandle Convert(ArrowTableEntry entry, IntPtr converted, int[] projection, ArrowTableEntry.Window window)
    {
        var batch = entry.Batch(window.Batch);
        var children = stackalloc CArrowArray[projection.Length];
        var childPointers = stackalloc CArrowArray*[Math.Max(1, projection.Length)];
        void* parentValidity = null;
        for (var i = 0; i < projection.Length; i++)
        {
            var column = batch.Column(projection[i]);
            children[i] = new CArrowArray
            {
                Length = window.Count,
                NullCount = column.NullCount == 0 ? 0 : -1,
                Offset = window.Start,
                NBuffers = column.Type.Id == ArrowTypeId.Null ? 0 : column.Buffers.Length,
                Buffers = entry.Buffers(window.Batch, projection[i]),
                Release = &ReleaseView,
            };
            childPointers[i] = children + i;
        }

        var parent = new CArrowArray
        {
            Length = window.Count,
            NBuffers = 1,
            Buffers = &parentValidity,
            NChildren = projection.Length,
            Children = childPointers,
            Release = &ReleaseView,
        };
        Errors.ThrowIfError(NativeMethods.DataChunkFromArrow(Converter, &parent, converted, out var chunk), "DuckDB could not read an Arrow batch.");
        return chunk;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseView(CArrowArray* array) => array->Release = null;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeHandle(IntPtr handle) => GCHandle.FromIntPtr(handle).Free();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Replace(IntPtr info, byte* tableName, IntPtr data)
    {
        try
        {
            var tables = (ArrowTables)GCHandle.FromIntPtr(data).Target!;
            var name = Marshal.PtrToStringUTF8((IntPtr)tableName);
            if (name is null || !tables._tables.ContainsKey(name))
            {
                return;
            }

            NativeMethods.ReplacementScanSetFunctionName(info, FunctionName);
            var value = NativeMethods.CreateVarchar(name);
            NativeMethods.ReplacementScanAddParameter(info, value);
            NativeMethods.DestroyValue(ref value);
        }
        catch (Exception)
        {
            // Not ours to fail: DuckDB goes on resolving the name as usual.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Bind(IntPtr info)
    {
        try
        {
            var tables = (ArrowTables)GCHandle.FromIntPtr(NativeMethods.BindGetExtraInfo(info)).Target!;
            var value = NativeMethods.BindGetParameter(info, 0);
            string? name;
            try
            {
                name = NativeMethods.TakeString(NativeMethods.GetVarchar(value));
            }
            finally
            {
                NativeMethods.DestroyValue(ref value);
            }

            if (name is null || !tables._tables.TryGetValue(name, out var entry) || !entry.TryAddReference())
            {
                NativeMethods.BindSetError(info, $"No Arrow table called '{name}' is registered.");
                return;
            }

            var fields = entry.Schema.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                NativeMethods.BindAddResultColumn(info, fields[i].Name, entry.DuckDbTypes[i].DangerousGetHandle());
            }

            NativeMethods.BindSetCardinality(info, (ulong)entry.RowCount, exact: true);
            NativeMethods.BindSetBindData(info, GCHandle.ToIntPtr(GCHandle.Alloc(new BindState(tables, entry))), &FreeBind);
        }
        catch (Exception ex)
        {
            NativeMethods.BindSetError(info, ex.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeBind(IntPtr data)
    {
        var handle = GCHandle.FromIntPtr(data);
        var state = (BindState)handle.Target!;
        handle.Free();
        state.Entry.Release();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(IntPtr info)
    {
        try
        {
            var bind = (BindState)GCHandle.FromIntPtr(NativeMethods.InitGetBindData(info)).Target!;
            var projection = new int[(int)NativeMethods.InitGetColumnCount(info)];
            for (var i = 0; i < projection.Length; i++)
            {
                projection[i] = (int)NativeMethods.InitGetColumnIndex(info, (ulong)i);
            }

            var converter = bind.Tables.Converter;
            var added = false;
            converter.DangerousAddRef(ref added);
            IntPtr converted;
            try
            {
                converted = ConvertSchema(converter, bind.Entry.Schema, projection);
            }
            catch
            {
                converter.DangerousRelease();
                throw;
            }

            var scan = new ScanState(bind, projection, converted);
            NativeMethods.InitSetInitData(info, GCHandle.ToIntPtr(GCHandle.Alloc(scan)), &FreeScan);
            NativeMethods.InitSetMaxThreads(info, (ulong)Math.Clamp(bind.Entry.Windows.Length / 8, 1, Environment.ProcessorCount));
        }
        catch (Exception ex)
        {
            NativeMethods.InitSetError(info, ex.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeScan(IntPtr data)
    {
        var handle = GCHandle.FromIntPtr(data);
        var scan = (ScanState)handle.Target!;
        handle.Free();
        var converted = scan.Converted;
        NativeMethods.DestroyArrowConvertedSchema(ref converted);
        scan.Bind.Tables.Converter.DangerousRelease();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Scan(IntPtr info, IntPtr output)
    {
        try
        {
            var scan = (ScanState)GCHandle.FromIntPtr(NativeMethods.FunctionGetInitData(info)).Target!;
            var entry = scan.Bind.Entry;
            var next = Interlocked.Increment(ref scan.Next) - 1;
            if (next >= entry.Windows.Length)
            {
                NativeMethods.DataChunkSetSize(output, 0);
                return;
            }

            var window = entry.Windows[next];
            using var chunk = scan.Bind.Tables.Convert(entry, scan.Converted, scan.Projection, window);
            var raw = chunk.DangerousGetHandle();
            for (var i = 0; i < scan.Projection.Length; i++)
            {
                NativeMethods.VectorReferenceVector(NativeMethods.DataChunkGetVector(output, (ulong)i), NativeMethods.DataChunkGetVector(raw, (ulong)i));
            }

            NativeMethods.DataChunkSetSize(output, (ulong)window.Count);
        }
        catch (Exception ex)
        {
            NativeMethods.FunctionSetError(info, ex.Message);
        }
    }

    private sealed record BindState(ArrowTables Tables, ArrowTableEntry Entry);

    private sealed class ScanState(BindState bind, int[] projection, IntPtr converted)
    {
        public long Next;

        public BindState Bind { get; } = bind;

        public int[] Projection { get; } = projection;

        public IntPtr Converted { get; } = converted;
    }
}
