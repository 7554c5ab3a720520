using System.Buffers;
using HighPerf.Data;
using HighPerf.Data.Arrow;

namespace HighPerf.Sample.Events;

/// <summary>
/// Parsed events gathered into the events table's columns, a DuckDB row group per core at a time, and handed to the appender
/// as an Arrow record batch: DuckDB then inserts them itself, on all its threads (see
/// <see cref="DuckDbAppender.Append(RecordBatch)"/>), where rows appended one by one would have their storage work
/// done on the loader's thread, after its parsing.
/// </summary>
internal sealed class EventBatch(DuckDbAppender appender) : IDisposable
{
    /// <summary>
    /// The rows of a full batch: a DuckDB row group (122,880 rows) per core, up to four. DuckDB's scan hands each of its
    /// threads whole row groups of the batch, so a batch of one would be inserted on one thread.
    /// </summary>
    internal static readonly int Rows = 122_880 * Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The events table's columns as Arrow fields, in table order.</summary>
    internal static Schema Schema { get; } = new(
    [
        new Field("id", ArrowType.Int64, nullable: false),
        new Field("user_id", ArrowType.Int64, nullable: false),
        new Field("event_type", ArrowType.Utf8, nullable: false),
        new Field("amount", ArrowType.Decimal128(12, 2)),
        new Field("properties", ArrowType.Utf8),
        new Field("created_at", ArrowType.TimestampMicrosecondUtc, nullable: false),
    ]);

    private readonly Int64ArrayBuilder _ids = new();
    private readonly Int64ArrayBuilder _users = new();
    private readonly StringArrayBuilder _types = new();
    private readonly Decimal128ArrayBuilder _amounts = new(12, 2);
    private readonly StringArrayBuilder _properties = new();
    private readonly TimestampArrayBuilder _created = new(ArrowTimeUnit.Microsecond, "UTC");

    /// <summary>The rows gathered since the last batch went to the appender.</summary>
    internal int Count { get; private set; }

    /// <summary>
    /// Adds a parsed event, and hands the batch to the appender once it is full; <paramref name="scratch"/> holds a
    /// <c>properties</c> text split across buffers.
    /// </summary>
    internal void Add(long id, in EventFields row, DateTimeOffset now, byte[] scratch)
    {
        _ids.Append(id);
        _users.Append(row.UserId);
        _types.Append(EventTypeNames.Utf8(row.TypeIndex));
        _amounts.Append(row.Amount);
        if (!row.HasProperties)
        {
            _properties.AppendNull();
        }
        else if (row.Properties.IsSingleSegment)
        {
            _properties.Append(row.Properties.FirstSpan);
        }
        else
        {
            // At most MaxPropertiesBytes, which is the scratch buffer's size.
            row.Properties.CopyTo(scratch);
            _properties.Append(scratch.AsSpan(0, (int)row.Properties.Length));
        }

        _created.Append(row.CreatedAt ?? now);
        if (++Count == Rows)
        {
            Flush();
        }
    }

    /// <summary>Hands the rows gathered so far, if any, to the appender, and starts a new batch.</summary>
    internal void Flush()
    {
        if (Count == 0)
        {
            return;
        }

        using var batch = new RecordBatch(Schema, [_ids.Build(), _users.Build(), _types.Build(), _amounts.Build(), _properties.Build(), _created.Build()], Count);
        Count = 0;
        appender.Append(batch);
    }

    public void Dispose()
    {
        _ids.Dispose();
        _users.Dispose();
        _types.Dispose();
        _amounts.Dispose();
        _properties.Dispose();
        _created.Dispose();
    }
}
