using System.Buffers;
using System.Data;
using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;
using HighPerf.Data.Postgres;
using Npgsql;

namespace HighPerf.Data;

public sealed partial class PostgresArrowClient
{
    private const int ReadBufferSize = 256 * 1024;

    /// <summary>
    /// Runs <paramref name="sql"/> through <c>COPY (query) TO STDOUT (FORMAT BINARY)</c> and yields its rows as Arrow
    /// record batches of up to <paramref name="batchSize"/> rows, each value parsed from the COPY stream straight into
    /// its column's buffer. Memory is bounded by one batch plus a 256 KiB read buffer (more only for a single larger
    /// value). The schema comes from describing the query first; at least one batch is yielded, empty when the query
    /// returns no rows. Stopping the enumeration early cancels the COPY on the server.
    /// </summary>
    /// <param name="sql">One SELECT (or VALUES, TABLE...) statement; <c>$1</c>, <c>$2</c>... refer to <paramref name="parameters"/>.</param>
    /// <param name="parameters">
    /// Positional values for <c>$n</c>. COPY takes no bind parameters, so the server renders each value as a quoted
    /// literal cast to its type (<c>format('%L')</c>, one round trip shared with describing the query) and those are put
    /// in place of the placeholders; values never pass through client-side string building.
    /// </param>
    /// <param name="batchSize">Rows per batch; 0 (the default) for the client's default.</param>
    /// <param name="cancellationToken">Cancels the COPY on the server.</param>
    /// <returns>The batches; each is the caller's to dispose.</returns>
    /// <exception cref="PostgresArrowException">A column has an unmapped type, or a value cannot be represented (a NaN numeric in a decimal column).</exception>
    public async IAsyncEnumerable<RecordBatch> ReadAsync(
        string sql,
        IReadOnlyList<NpgsqlParameter>? parameters = null,
        int batchSize = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        var rows = batchSize == 0 ? _defaultBatchRows : batchSize;

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var (schema, decoders, query) = await DescribeQueryAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
        using var parser = new CopyBinaryParser(schema, decoders, rows);

        var stream = await connection.BeginRawBinaryCopyAsync($"COPY ({query}\n) TO STDOUT (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        var completed = false;
        try
        {
            int start = 0, end = 0;
            var yielded = false;
            while (true)
            {
                start += parser.Parse(buffer.AsSpan(start, end - start));
                if (parser.IsBatchFull || (parser.IsComplete && (parser.PendingRows > 0 || !yielded)))
                {
                    yielded = true;
                    yield return parser.TakeBatch();
                    continue;
                }

                if (parser.IsComplete)
                {
                    break;
                }

                // Keep the unparsed tail, make room for what the next field needs, and read more.
                var pending = end - start;
                if (parser.BytesNeeded > buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(parser.BytesNeeded);
                    buffer.AsSpan(start, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, pending).CopyTo(buffer);
                }

                start = 0;
                end = pending;
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new PostgresArrowException(PostgresArrowErrorKind.Protocol, "The binary COPY stream ended before its trailer.");
                }

                end += read;
            }

            completed = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await CloseCopyAsync(stream, completed).ConfigureAwait(false);
        }
    }

    /// <summary>The Arrow schema <see cref="ReadAsync"/> would yield for <paramref name="sql"/>, without running it.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Positional values for <c>$n</c>.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <exception cref="PostgresArrowException">A column has an unmapped type.</exception>
    public async Task<Schema> DescribeAsync(string sql, IReadOnlyList<NpgsqlParameter>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var (schema, decoders, _) = await DescribeQueryAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var decoder in decoders)
        {
            decoder.Dispose();
        }

        return schema;
    }

    private static async Task CloseCopyAsync(NpgsqlRawCopyStream stream, bool completed)
    {
        if (!completed)
        {
            // An abandoned export is cancelled on the server rather than drained to its end.
            try
            {
                await stream.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException or IOException)
            {
                // The connection is broken or the COPY already ended; disposing the connection cleans up.
            }
        }

        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (!completed && e is NpgsqlException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Already failing: the first error is the one worth reporting.
        }
    }

    /// <summary>
    /// Describes the query's columns and, with parameters, has the server quote their values as literals: one round
    /// trip either way (a schema-only describe, or one batch of the describe and the quoting).
    /// </summary>
    private static async Task<(Schema Schema, ColumnDecoder[] Decoders, string Query)> DescribeQueryAsync(
        NpgsqlConnection connection, string sql, IReadOnlyList<NpgsqlParameter>? parameters, CancellationToken cancellationToken)
    {
        // The query is wrapped in COPY (...): a trailing semicolon would end it early, and the closing parenthesis
        // goes on a line of its own so that a trailing -- comment cannot swallow it.
        var query = sql.Trim().TrimEnd(';');
        IReadOnlyList<Npgsql.Schema.NpgsqlDbColumn> columns;
        if (parameters is null || parameters.Count == 0)
        {
            var command = new NpgsqlCommand(query, connection);
            await using var disposeCommand = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                columns = reader.GetColumnSchema();
            }
        }
        else
        {
            var batch = new NpgsqlBatch(connection);
            await using var disposeBatch = batch.ConfigureAwait(false);
            var describe = new NpgsqlBatchCommand($"SELECT * FROM ({query}\n) AS highperf_q LIMIT 0");
            var quote = new NpgsqlBatchCommand(QuoteSql(parameters.Count));
            foreach (var parameter in parameters)
            {
                describe.Parameters.Add(parameter.Clone());
                quote.Parameters.Add(parameter.Clone());
            }

            batch.BatchCommands.Add(describe);
            batch.BatchCommands.Add(quote);
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                columns = reader.GetColumnSchema();
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var literals = new string[parameters.Count];
                for (var i = 0; i < literals.Length; i++)
                {
                    literals[i] = reader.GetString(i);
                }

                query = PgSql.Substitute(query, literals);
            }
        }

        var fields = new Field[columns.Count];
        var decoders = new ColumnDecoder[columns.Count];
        try
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var name = column.ColumnName;
                var oid = column.TypeOID;
                var type = DataSetTypeMap.PostgresToArrow(oid, column.NumericPrecision, column.NumericScale)
                    ?? throw new PostgresArrowException(
                        PostgresArrowErrorKind.UnsupportedType,
                        $"Column '{name}' is of PostgreSQL type '{column.DataTypeName}' (OID {oid}), which has no Arrow mapping; cast it in the query (e.g. to text).",
                        columnName: name);
                fields[i] = new Field(name, type);
                decoders[i] = ColumnDecoder.Create(name, oid, type);
            }
        }
        catch
        {
            foreach (var decoder in decoders)
            {
                decoder?.Dispose();
            }

            throw;
        }

        return (new Schema(fields), decoders, query);
    }

    private static string QuoteSql(int count)
    {
        var builder = new System.Text.StringBuilder("SELECT ");
        for (var i = 1; i <= count; i++)
        {
            if (i > 1)
            {
                builder.Append(", ");
            }

            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"format('(%L::%s)', ${i}, pg_typeof(${i}))");
        }

        return builder.ToString();
    }
}
