using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>The explicit transactions this library opens on an entered connection for its all-or-nothing writes.</summary>
internal static class Transactions
{
    internal static void Begin(SafeConnectionHandle connection) => Run(connection, "BEGIN TRANSACTION");

    internal static void Commit(SafeConnectionHandle connection) => Run(connection, "COMMIT");

    /// <summary>Rolls back, ignoring the failure DuckDB reports when no transaction is open any more (it ended it after an error): nothing is left to undo then.</summary>
    internal static void TryRollback(SafeConnectionHandle connection)
    {
        using var result = SafeResultHandle.Allocate();
        _ = NativeMethods.Query(connection, "ROLLBACK", result);
    }

    private static void Run(SafeConnectionHandle connection, string sql)
    {
        using var result = SafeResultHandle.Allocate();
        if (NativeMethods.Query(connection, sql, result) != DuckDbState.Success)
        {
            Errors.ThrowResult(result, CancellationToken.None);
        }
    }
}
