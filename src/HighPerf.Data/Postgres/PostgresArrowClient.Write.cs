using System.Data;
using HighPerf.Data.Arrow;
using HighPerf.Data.Postgres;
using Npgsql;

namespace HighPerf.Data;

public sealed partial class PostgresArrowClient
{
    /// <summary>
    /// Inserts Arrow record batches into <paramref name="table"/> through one binary
    /// <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c> written by our own encoder, in one transaction: all or
    /// nothing. The batches' first <c>columns.Count</c> columns go, by position, into the named columns; the Arrow
    /// types they may have are listed in <see cref="DataSets.DataSetTypeMap"/>.
    /// </summary>
    /// <param name="table">The table: a name, or <c>schema.name</c> (each part quoted as written).</param>
    /// <param name="columns">The target columns, in the batches' column order; <see langword="null"/> for the first batch's field names.</param>
    /// <param name="batches">The rows; they stay the caller's.</param>
    /// <param name="cancellationToken">Abandons the COPY (the server discards it) and rolls back: nothing is stored.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="PostgresArrowException">
    /// The server refused the rows (<see cref="PostgresArrowErrorKind.UniqueViolation"/> with the constraint and the row
    /// index, <see cref="PostgresArrowErrorKind.InvalidValue"/> with the row index...) or an Arrow type does not fit its
    /// column; nothing was stored.
    /// </exception>
    public async Task<long> BulkInsertAsync(string table, IReadOnlyList<string>? columns, IAsyncEnumerable<RecordBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(batches);
        var enumerator = batches.GetAsyncEnumerator(cancellationToken);
        await using var disposeEnumerator = enumerator.ConfigureAwait(false);
        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            return 0;
        }

        columns ??= FieldNames(enumerator.Current.Schema);
        return await CopyInAsync(
            table,
            columns,
            enumerator,
            static async (writer, state, ct) =>
            {
                do
                {
                    ct.ThrowIfCancellationRequested();
                    await writer.WriteAsync(state.Current, ct).ConfigureAwait(false);
                }
                while (await state.MoveNextAsync().ConfigureAwait(false));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="BulkInsertAsync(string, IReadOnlyList{string}?, IAsyncEnumerable{RecordBatch}, CancellationToken)"/> for batches in hand.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The target columns; <see langword="null"/> for the first batch's field names.</param>
    /// <param name="batches">The rows; they stay the caller's.</param>
    /// <param name="cancellationToken">Abandons the COPY; nothing is stored.</param>
    /// <returns>The number of rows inserted.</returns>
    public Task<long> BulkInsertAsync(string table, IReadOnlyList<string>? columns, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            return Task.FromResult(0L);
        }

        columns ??= FieldNames(batches[0].Schema);
        return CopyInAsync(
            table,
            columns,
            batches,
            static async (writer, state, ct) =>
            {
                for (var i = 0; i < state.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    await writer.WriteAsync(state[i], ct).ConfigureAwait(false);
                }
            },
            cancellationToken);
    }

    private static string[] FieldNames(Schema schema)
    {
        var names = new string[schema.Fields.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = schema.Fields[i].Name;
        }

        return names;
    }

    /// <summary>
    /// Opens a transaction, learns the target columns' types (the describe rides with BEGIN in one round trip), runs
    /// one binary COPY fed by <paramref name="produce"/>, and commits; a server error becomes a <see cref="PostgresArrowException"/>.
    /// </summary>
    private async Task<long> CopyInAsync<TState>(
        string table,
        IReadOnlyList<string> columns,
        TState state,
        Func<CopyBinaryWriter, TState, CancellationToken, ValueTask> produce,
        CancellationToken cancellationToken)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is needed.", nameof(columns));
        }

        var target = PgSql.Table(table);
        var list = PgSql.ColumnList(columns);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeTransaction = transaction.ConfigureAwait(false);
            var oids = await DescribeTargetAsync(connection, transaction, target, list, columns, cancellationToken).ConfigureAwait(false);

            var stream = await connection.BeginRawBinaryCopyAsync($"COPY {target} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            long rows;
            var written = false;
            try
            {
                using var writer = new CopyBinaryWriter(stream, columns, oids);
                await produce(writer, state, cancellationToken).ConfigureAwait(false);
                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                rows = writer.Rows;
                written = true;
            }
            finally
            {
                if (!written)
                {
                    await CloseCopyAsync(stream, completed: false).ConfigureAwait(false);
                }
            }

            // Ends the COPY; the server's verdict on the rows (constraints, values) arrives here.
            await stream.DisposeAsync().ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            DataTelemetry.RecordPostgresAppended(rows);
            return rows;
        }
        catch (PostgresException ex) when (ex.SqlState != PostgresErrorCodes.QueryCanceled || !cancellationToken.IsCancellationRequested)
        {
            throw PostgresArrowException.FromServer(ex, $"The bulk insert into {target}");
        }
    }

    private static async Task<uint[]> DescribeTargetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string target, string list, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand($"SELECT {list} FROM {target} LIMIT 0", connection, transaction);
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var oids = new uint[reader.FieldCount];
        for (var i = 0; i < oids.Length; i++)
        {
            oids[i] = reader.GetDataTypeOID(i);
            if (Data.DataSets.DataSetTypeMap.PostgresToArrow(oids[i], null, null) is null)
            {
                throw new PostgresArrowException(
                    PostgresArrowErrorKind.UnsupportedType,
                    $"Column '{columns[i]}' of {target} is of PostgreSQL type '{reader.GetDataTypeName(i)}' (OID {oids[i]}), which has no Arrow mapping.",
                    columnName: columns[i]);
            }
        }

        return oids;
    }
}
