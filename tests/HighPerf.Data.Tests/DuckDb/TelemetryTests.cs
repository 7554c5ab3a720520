using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class TelemetryTests
{
    [Fact]
    public void Operations_are_spans_and_appended_rows_are_counted()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DataTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        long appended = 0;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DataTelemetry.Name && instrument.Name == DataTelemetry.RowsAppended)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref appended, value));
        meters.Start();

        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE telemetry_probe (x INT)");
        using (var appender = connection.CreateAppender("telemetry_probe"))
        {
            appender.Append(1).EndRow();
            appender.Append(2).EndRow();
            appender.Complete();
        }

        Assert.Throws<DuckDbException>(() => connection.Execute("SELECT * FROM telemetry_missing_table"));

        Assert.True(Interlocked.Read(ref appended) >= 2);
        Assert.Contains(spans, s => s.DisplayName == "duckdb append" && (string?)s.GetTagItem("db.system.name") == "duckdb");
        Assert.Contains(spans, s => s.DisplayName == "duckdb execute" && s.Status == ActivityStatusCode.Error
            && s.StatusDescription!.Contains("telemetry_missing_table", StringComparison.Ordinal));
    }
}
