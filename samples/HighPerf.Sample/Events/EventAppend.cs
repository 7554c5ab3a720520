using System.Buffers;
using HighPerf.Data;

namespace HighPerf.Sample.Events;

/// <summary>Writes one event's values into the appender, in the table's column order.</summary>
internal static class EventAppend
{
    /// <summary>Appends a parsed event; <paramref name="scratch"/> holds a <c>properties</c> text split across buffers.</summary>
    internal static void Append(DuckDbAppender appender, long id, in EventFields row, DateTimeOffset now, byte[] scratch)
    {
        appender.Append(id).Append(row.UserId).AppendUtf8(EventTypeNames.Utf8(row.TypeIndex));
        if (row.Amount is { } amount)
        {
            appender.Append(amount);
        }
        else
        {
            appender.AppendNull();
        }

        if (!row.HasProperties)
        {
            appender.AppendNull();
        }
        else if (row.Properties.IsSingleSegment)
        {
            appender.AppendUtf8(row.Properties.FirstSpan);
        }
        else
        {
            // At most MaxPropertiesBytes, which is the scratch buffer's size.
            row.Properties.CopyTo(scratch);
            appender.AppendUtf8(scratch.AsSpan(0, (int)row.Properties.Length));
        }

        appender.Append(row.CreatedAt ?? now);
        appender.EndRow();
    }

    /// <summary>Appends a generated event.</summary>
    internal static void Append(DuckDbAppender appender, in GeneratedEvent e, Span<byte> scratch)
    {
        appender.Append(e.Id).Append(e.UserId).AppendUtf8(EventTypeNames.Utf8(e.TypeIndex));
        if (e.Amount is { } amount)
        {
            appender.Append(amount);
        }
        else
        {
            appender.AppendNull();
        }

        appender.AppendUtf8(scratch[..EventGenerator.WriteProperties(e, scratch)]);
        appender.Append(e.CreatedAt);
        appender.EndRow();
    }

    /// <summary>Now, to the microsecond DuckDB keeps.</summary>
    internal static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % 10));
    }
}
