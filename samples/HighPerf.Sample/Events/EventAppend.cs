using HighPerf.Data;

namespace HighPerf.Sample.Events;

/// <summary>Writes one generated event's values into the appender, in the table's column order.</summary>
internal static class EventAppend
{
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
