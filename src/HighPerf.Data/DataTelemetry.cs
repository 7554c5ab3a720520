using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HighPerf.Data;

/// <summary>
/// The names HighPerf.Data reports traces and metrics under, for <c>AddSource(DataTelemetry.Name)</c> and
/// <c>AddMeter(DataTelemetry.Name)</c>. Counters carry the tag <c>db.system.name</c>.
/// </summary>
public static class DataTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>HighPerf.Data</c>.</summary>
    public const string Name = "HighPerf.Data";

    /// <summary>Counter of rows (rows) inserted by completed bulk inserts.</summary>
    public const string RowsAppended = "highperf.data.rows_appended";

    /// <summary>Counter of rows (rows) written by file exports.</summary>
    public const string RowsExported = "highperf.data.rows_exported";

    private static readonly Meter s_meter = new(Name);
    private static readonly Counter<long> s_appended = s_meter.CreateCounter<long>(RowsAppended, "{row}", "Rows inserted by bulk inserts");
    private static readonly Counter<long> s_exported = s_meter.CreateCounter<long>(RowsExported, "{row}", "Rows written by exports");
    private static readonly KeyValuePair<string, object?> s_duckDb = new("db.system.name", "duckdb");
    private static readonly KeyValuePair<string, object?> s_postgres = new("db.system.name", "postgresql");

    private static readonly ActivitySource s_source = new(Name);

    /// <summary>
    /// A client span for one DuckDB operation (<c>execute</c>, <c>query</c>, <c>append</c>, <c>export</c>), or
    /// <see langword="null"/> when nobody listens. The SQL text is not recorded: it may hold values.
    /// </summary>
    internal static Activity? StartDuckDb(string operation)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var activity = s_source.StartActivity("duckdb " + operation, ActivityKind.Client);
        activity?.SetTag("db.system.name", "duckdb");
        activity?.SetTag("db.operation.name", operation);
        return activity;
    }

    /// <summary>Marks the span failed with the exception's type and message.</summary>
    internal static void Fail(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag("error.type", exception.GetType().FullName);
        }
    }

    internal static void RecordAppended(long rows)
    {
        // Enabled is false until a listener subscribes: no tag work otherwise.
        if (s_appended.Enabled)
        {
            s_appended.Add(rows, s_duckDb);
        }
    }

    internal static void RecordExported(long rows)
    {
        if (s_exported.Enabled)
        {
            s_exported.Add(rows, s_duckDb);
        }
    }

    internal static void RecordPostgresAppended(long rows)
    {
        if (s_appended.Enabled)
        {
            s_appended.Add(rows, s_postgres);
        }
    }
}
