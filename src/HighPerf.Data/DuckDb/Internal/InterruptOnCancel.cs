using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// While alive, cancelling the token interrupts whatever runs on the connection (<c>duckdb_interrupt</c>);
/// DuckDB then fails the query with an INTERRUPT error, which <see cref="Errors"/> turns into
/// <see cref="OperationCanceledException"/>. Disposing waits for a callback in progress, so the
/// connection is never interrupted after it went back to the pool.
/// </summary>
/// <remarks>
/// DuckDB clears the flag when a query starts, so a cancellation that lands between the caller's check
/// and the start of the query is lost for a materialized query; streaming results also check the token
/// between chunks.
/// </remarks>
internal struct InterruptOnCancel : IDisposable
{
    private static readonly Action<object?> s_interrupt = static state =>
    {
        try
        {
            NativeMethods.Interrupt((SafeConnectionHandle)state!);
        }
        catch (ObjectDisposedException)
        {
            // The connection closed first: nothing left to interrupt.
        }
    };

    private CancellationTokenRegistration _registration;

    internal InterruptOnCancel(SafeConnectionHandle connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _registration = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(s_interrupt, connection) : default;
    }

    public void Dispose()
    {
        _registration.Dispose();
        _registration = default;
    }
}
