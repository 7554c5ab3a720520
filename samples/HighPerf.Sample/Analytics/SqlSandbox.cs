using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Data.Arrow;
using HighPerf.Sample.Events;

namespace HighPerf.Sample.Analytics;

/// <summary>
/// <c>POST /samples/duckdb</c>'s engine: a query that passed <see cref="ReadOnlyQueryGuard"/> runs wrapped as a
/// subquery (so a row limit is DuckDB's own LIMIT) on a pooled connection of the database, whose external
/// access is off and locked, with a deadline that interrupts it.
/// </summary>
internal sealed class SqlSandbox(EventStore store)
{
    internal const int MaxRows = 10_000;

    internal static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>Checks the query; null when it may run, else why not.</summary>
    internal string? Check(string sql, CancellationToken cancellationToken)
    {
        store.EnsureCreated();
        using var connection = store.Database.OpenConnection(cancellationToken);
        return ReadOnlyQueryGuard.Check(connection, sql, cancellationToken);
    }

    /// <summary>Writes <c>{columns, rows, row_count, truncated, duration_ms}</c>; rows are arrays in column order.</summary>
    internal void WriteJson(string sql, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var body = Trim(sql);
        using var connection = store.Database.OpenConnection(cancellationToken);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartArray("columns"u8);
        using (var describe = connection.Prepare("DESCRIBE " + body))
        using (var result = describe.Query(cancellationToken))
        {
            while (result.ReadChunk())
            {
                for (var row = 0; row < result.Chunk.RowCount; row++)
                {
                    json.WriteStartObject();
                    json.WriteString("name"u8, result.Chunk.GetColumn(0).GetBytes(row));
                    json.WriteString("type"u8, result.Chunk.GetColumn(1).GetBytes(row));
                    json.WriteEndObject();
                }
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("rows"u8);
        var rows = 0;
        var truncated = false;
        using (var statement = connection.Prepare(string.Create(CultureInfo.InvariantCulture, $"SELECT to_json(q) FROM (\n{body}\n) AS q LIMIT {MaxRows + 1}")))
        using (var result = statement.Query(cancellationToken))
        {
            while (!truncated && result.ReadChunk())
            {
                var column = result.Chunk.GetColumn(0);
                for (var row = 0; row < result.Chunk.RowCount; row++)
                {
                    if (rows == MaxRows)
                    {
                        truncated = true;
                        break;
                    }

                    WriteRow(json, column.GetBytes(row));
                    rows++;
                }
            }
        }

        json.WriteEndArray();
        json.WriteNumber("row_count"u8, rows);
        json.WriteBoolean("truncated"u8, truncated);
        json.WriteNumber("row_limit"u8, MaxRows);
        json.WriteNumber("duration_ms"u8, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3));
        json.WriteEndObject();
    }

    /// <summary>Streams the rows (at most <see cref="MaxRows"/>) as an Arrow IPC stream, batch by batch.</summary>
    internal async Task WriteArrowAsync(string sql, HttpResponse response, CancellationToken cancellationToken)
    {
        using var connection = await store.Database.OpenConnectionAsync(cancellationToken);
        using var statement = connection.Prepare(string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM (\n{Trim(sql)}\n) AS q LIMIT {MaxRows}"));
        using var result = statement.Query(cancellationToken);
        var schema = result.ArrowSchema;
        response.ContentType = "application/vnd.apache.arrow.stream";
        await using var writer = new ArrowStreamWriter(response.Body, schema, leaveOpen: true);
        await writer.WriteSchemaAsync(cancellationToken);
        while (result.ReadArrowBatch() is { } batch)
        {
            using (batch)
            {
                await writer.WriteAsync(batch, cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>The object DuckDB's <c>to_json</c> made of a row, written as an array of its values in order.</summary>
    private static void WriteRow(Utf8JsonWriter json, ReadOnlySpan<byte> rowObject)
    {
        var reader = new Utf8JsonReader(rowObject);
        reader.Read();
        json.WriteStartArray();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            json.WriteRawValue(rowObject[start..(int)reader.BytesConsumed], skipInputValidation: true);
        }

        json.WriteEndArray();
    }

    /// <summary>The statement without trailing semicolons, so that it can be a subquery.</summary>
    private static string Trim(string sql)
    {
        var end = sql.Length;
        while (end > 0 && (char.IsWhiteSpace(sql[end - 1]) || sql[end - 1] == ';'))
        {
            end--;
        }

        return sql[..end];
    }
}
