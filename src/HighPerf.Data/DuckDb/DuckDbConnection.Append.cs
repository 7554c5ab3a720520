namespace HighPerf.Data;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Starts a bulk insert into <paramref name="table"/> inside a transaction of its own; see
    /// <see cref="DuckDbAppender"/>. The connection is busy until the appender is disposed.
    /// </summary>
    /// <param name="table">The table's name (not quoted).</param>
    /// <param name="schema">Its schema, or <see langword="null"/> for the default one.</param>
    /// <returns>The appender; call <see cref="DuckDbAppender.Complete"/>, then dispose it.</returns>
    /// <exception cref="DuckDbException">The table does not exist, or a transaction is already open on this connection.</exception>
    public DuckDbAppender CreateAppender(string table, string? schema = null) => DuckDbAppender.Create(this, table, schema);
}
