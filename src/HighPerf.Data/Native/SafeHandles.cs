using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary>
/// What every DuckDB object handle shares: null is invalid, and a handle may hold a reference on the
/// handle it was made from (a connection on its database, a statement on its connection), so native
/// objects are always destroyed children first, even when finalizers run in any order.
/// </summary>
internal abstract class DuckDbHandle : SafeHandle
{
    private static long s_live;
    private SafeHandle? _parent;
    private int _ended;

    protected DuckDbHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Handles made and not yet done with (released, or disposed while invalid): a leak shows here first.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override void Dispose(bool disposing)
    {
        // A null handle is never released; it is done with once disposed (or finalized).
        if (IsInvalid)
        {
            End();
        }

        base.Dispose(disposing);
    }

    /// <summary>Keeps <paramref name="parent"/> open until this handle is released.</summary>
    internal void HoldParent(SafeHandle parent)
    {
        // An invalid handle is never released, so it must not take a reference it would never give back.
        if (IsInvalid)
        {
            return;
        }

        var added = false;
        parent.DangerousAddRef(ref added);
        _parent = parent;
    }

    protected sealed override bool ReleaseHandle()
    {
        Destroy();
        var parent = Interlocked.Exchange(ref _parent, null);
        parent?.DangerousRelease();
        End();
        return true;
    }

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            Interlocked.Decrement(ref s_live);
        }
    }

    /// <summary>Destroys the native object behind <see cref="SafeHandle.handle"/>.</summary>
    protected abstract void Destroy();
}

/// <summary>Owns a <c>duckdb_database</c>; <c>duckdb_close</c> releases it.</summary>
internal sealed class SafeDatabaseHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.Close(ref h);
    }
}

/// <summary>Owns a <c>duckdb_connection</c>; holds its database open.</summary>
internal sealed class SafeConnectionHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.Disconnect(ref h);
    }
}

/// <summary>Owns a <c>duckdb_prepared_statement</c>; holds its connection open.</summary>
internal sealed class SafePreparedStatementHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.DestroyPrepare(ref h);
    }
}

/// <summary>Owns a <c>duckdb_pending_result</c>; holds its statement open.</summary>
internal sealed class SafePendingResultHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.DestroyPending(ref h);
    }
}

/// <summary>
/// Owns a <c>duckdb_result</c>: the 48-byte struct itself lives in native memory allocated here,
/// because the C API fills it through a pointer and then takes it by value.
/// </summary>
internal sealed unsafe class SafeResultHandle : DuckDbHandle
{
    internal static SafeResultHandle Allocate()
    {
        var result = new SafeResultHandle();
        result.SetHandle((IntPtr)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResultStruct)));
        return result;
    }

    internal DuckDbResultStruct* Pointer => (DuckDbResultStruct*)handle;

    protected override void Destroy()
    {
        NativeMethods.DestroyResult(handle);
        NativeMemory.Free((void*)handle);
    }
}

/// <summary>
/// Owns a <c>duckdb_appender</c>. <c>duckdb_appender_destroy</c> flushes what is buffered, so code that
/// abandons an appender clears it first.
/// </summary>
internal sealed class SafeAppenderHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        _ = NativeMethods.AppenderDestroy(ref h);
    }
}

/// <summary>Owns a <c>duckdb_data_chunk</c>, fetched from a result or created for appending.</summary>
internal sealed class SafeDataChunkHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.DestroyDataChunk(ref h);
    }
}

/// <summary>Owns a <c>duckdb_logical_type</c>.</summary>
internal sealed class SafeLogicalTypeHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.DestroyLogicalType(ref h);
    }
}

/// <summary>Owns a <c>duckdb_config</c>.</summary>
internal sealed class SafeConfigHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.DestroyConfig(ref h);
    }
}

/// <summary>Owns a <c>duckdb_arrow_options</c>.</summary>
internal sealed class SafeArrowOptionsHandle : DuckDbHandle
{
    protected override void Destroy()
    {
        var h = handle;
        NativeMethods.DestroyArrowOptions(ref h);
    }
}
