using System.Globalization;
using System.Text;
using HighPerf.Benchmarks.Reports;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>Writes benchmarks/results/streaming.md from the measurements.</summary>
internal static class StreamingMarkdown
{
    private const int EdgeBatches = 10;

    public static string Write(StreamingRun run, IReadOnlyList<StrategyComparison> results, IReadOnlyList<(string Title, string Sql, string Plan)> plans)
    {
        var machine = MachineInfo.Collect();
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"# Streaming a data set: time per batch, offset against keyset");
        Line($"");
        Line($"`{run.Command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {machine.Cpu}, {machine.LogicalCores} cores (shared with other work: load average {run.LoadBefore} before, {run.LoadAfter} after), {machine.Memory}, {machine.OperatingSystem}, {machine.DotNet}, DuckDB {run.DuckDbVersion} embedded through our client.");
        if (run.Quick)
        {
            Line($"");
            Line($"**Quick run: a pipeline check on fewer rows, one repetition. Not the committed figures.**");
        }

        Line($"");
        Line($"The data set: {run.Rows:N0} rows of six columns (`id` BIGINT primary key, `user_id` BIGINT, `event_type` VARCHAR, `amount` DOUBLE with nulls, `created_at` TIMESTAMPTZ, `ok` BOOLEAN) in an on-disk DuckDB file ({run.FileBytes / 1e6:F0} MB after a checkpoint), created through `DataSetRegistry.CreateAsync` and filled by one `INSERT ... SELECT ... FROM range({run.Rows})` in {run.Generation.TotalSeconds:F1} s.");
        Line($"");
        Line($"Each run streams the whole data set with `DataSetRegistry.StreamArrowAsync(name, strategy, batchSize, stream)` into a pipe that pauses the writer past 4 MiB, and reads the Arrow IPC stream back with our `ArrowStreamReader` on the other side, as a client would. A batch ends when the rows read reach a multiple of the batch size; its time is the consumer's `Stopwatch` from the end of the previous batch (or from the call) to there, so it holds the page's query, its encoding and its transfer. Each strategy ran {run.Repetitions} time(s) per batch size, interleaved (offset first in odd runs, keyset first in even ones); the tables give the median per batch index. Memory: the managed heap's growth over the heap before the stream (sampled at each batch end) and the process's peak resident set during the stream (`VmHWM` of `/proc/self/status`, reset before each stream through `/proc/self/clear_refs`), both the largest over the runs.");

        for (var i = 0; i < results.Count; i++)
        {
            WriteComparison(md, run, results[i], first: i == 0);
        }

        WriteReading(md, results[0], plans, run.Rows);

        Line($"");
        Line($"## Why the lines look the way they do: DuckDB's plans");
        Line($"");
        Line($"`EXPLAIN ANALYZE` of pages at the first batch size, run after the measurements on the same database. \"Prepared\" plans are the registry's statements with the value bound, as the streams ran them; \"literal\" ones write the value into the SQL instead, for comparison.");
        foreach (var (title, sql, plan) in plans)
        {
            Line($"");
            Line($"<details><summary>{title}</summary>");
            Line($"");
            Line($"```sql");
            Line($"{sql}");
            Line($"```");
            Line($"");
            Line($"```text");
            Line($"{plan}");
            Line($"```");
            Line($"");
            Line($"</details>");
        }

        return md.ToString();
    }

    private static void WriteComparison(StringBuilder md, StreamingRun run, StrategyComparison c, bool first)
    {
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var count = c.OffsetMedians.Length;
        var step = count <= 40 ? 5 : 10;

        Line($"");
        Line($"## Batches of {c.BatchSize:N0} rows ({count} batches)");
        Line($"");
        Line($"| batch | offset ms | keyset ms | offset / keyset |");
        Line($"|---:|---:|---:|---:|");
        for (var i = 0; i < count; i++)
        {
            var index = i + 1;
            if (index == 1 || index == count || index % step == 0)
            {
                Line($"| {index} | {c.OffsetMedians[i]:F1} | {c.KeysetMedians[i]:F1} | {c.OffsetMedians[i] / c.KeysetMedians[i]:F2} |");
            }
        }

        Line($"");
        Line($"| | offset | keyset |");
        Line($"|---|---:|---:|");
        var offsetTotal = StrategyComparison.Median(Totals(c.Offset));
        var keysetTotal = StrategyComparison.Median(Totals(c.Keyset));
        Line($"| whole stream, median | {offsetTotal / 1000:F2} s | {keysetTotal / 1000:F2} s |");
        Line($"| rows/s | {run.Rows / (offsetTotal / 1000):N0} | {run.Rows / (keysetTotal / 1000):N0} |");
        Line($"| Arrow IPC bytes read | {c.Offset[0].Bytes / 1e6:F0} MB | {c.Keyset[0].Bytes / 1e6:F0} MB |");
        Line($"| first batch | {c.OffsetMedians[0]:F1} ms | {c.KeysetMedians[0]:F1} ms |");
        Line($"| last batch | {c.OffsetMedians[^1]:F1} ms | {c.KeysetMedians[^1]:F1} ms |");
        Line($"| **last / first** | **{c.OffsetMedians[^1] / c.OffsetMedians[0]:F2}** | **{c.KeysetMedians[^1] / c.KeysetMedians[0]:F2}** |");
        Line($"| mean of last {EdgeBatches} / mean of first {EdgeBatches} | {EdgeRatio(c.OffsetMedians):F2} | {EdgeRatio(c.KeysetMedians):F2} |");
        Line($"| the registry's own page time (`PageDurations`), median first → last | {LibraryMedian(c.Offset, 0):F1} → {LibraryMedian(c.Offset, -1):F1} ms | {LibraryMedian(c.Keyset, 0):F1} → {LibraryMedian(c.Keyset, -1):F1} ms |");
        Line($"| peak managed heap growth | {Max(c.Offset, static m => m.PeakManagedBytes) / 1e6:F1} MB | {Max(c.Keyset, static m => m.PeakManagedBytes) / 1e6:F1} MB |");
        Line($"| peak RSS during the stream (RSS before) | {Max(c.Offset, static m => m.PeakResidentBytes) / 1e6:F0} MB ({Max(c.Offset, static m => m.ResidentBeforeBytes) / 1e6:F0} MB) | {Max(c.Keyset, static m => m.PeakResidentBytes) / 1e6:F0} MB ({Max(c.Keyset, static m => m.ResidentBeforeBytes) / 1e6:F0} MB) |");
        Line($"");
        Line($"Whole-stream times of each run: offset {Join(Totals(c.Offset))} s; keyset {Join(Totals(c.Keyset))} s.");
        Line($"");
        Line($"![time per batch, batches of {c.BatchSize:N0}]({StreamingChart.FileName(run.Quick, c.BatchSize, first)})");
    }

    /// <summary>What the numbers say, in words computed from them and from the plans, so a rerun cannot contradict its text.</summary>
    private static void WriteReading(StringBuilder md, StrategyComparison c, IReadOnlyList<(string Title, string Sql, string Plan)> plans, long rows)
    {
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var offsetGrowth = EdgeRatio(c.OffsetMedians);
        var keysetGrowth = EdgeRatio(c.KeysetMedians);
        Line($"");
        Line($"## Reading");
        Line($"");
        Line($"- **Offset grows**: {(offsetGrowth >= 2 ? "yes" : "no")}. At batches of {c.BatchSize:N0}, its last {EdgeBatches} batches took {offsetGrowth:F1}x its first {EdgeBatches} (last / first batch: {c.OffsetMedians[^1] / c.OffsetMedians[0]:F1}x). {OffsetPlanSentence(plans, rows)}");
        Line($"- **Keyset stays flat**: {(keysetGrowth is > 0.5 and < 2 ? "yes" : "no")}. Its last {EdgeBatches} batches took {keysetGrowth:F2}x its first {EdgeBatches}. {KeysetPlanSentence(plans, c.BatchSize)}");
        Line($"- Over the whole stream keyset was {StrategyComparison.Median(Totals(c.Offset)) / StrategyComparison.Median(Totals(c.Keyset)):F1}x faster than offset (medians of the whole-stream times).");
        Line($"- **Memory stays bounded**: the managed heap grew by at most {Math.Max(Max(c.Offset, static m => m.PeakManagedBytes), Max(c.Keyset, static m => m.PeakManagedBytes)) / 1e6:F0} MB while {c.Offset[0].Bytes / 1e6:F0} MB of Arrow IPC went through (pages are written batch by batch and freed, and the pipe holds at most 4 MiB). The resident set is mostly DuckDB's buffer manager: the table's blocks it caches and, for offset, the sort of every row, which it keeps (and reuses) rather than returning to the system between pages; it is bounded by DuckDB's `memory_limit`, not by the stream's length.");
    }

    private static string OffsetPlanSentence(IReadOnlyList<(string Title, string Sql, string Plan)> plans, long rows)
    {
        var plan = plans[0].Plan;
        var scanned = PlanFacts.ScannedRows(plan);
        var whole = scanned == rows ? " (the whole table)" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"DuckDB cannot jump to row k of an ordering: the plan of the last page is {Describe(PlanFacts.Operators(plan))}, its scan reads {scanned:N0} rows{whole} to return one page, and the rows before the offset are ordered and thrown away, so a page costs more the further it starts (the profiler's total for the last page: {PlanFacts.TotalSeconds(plan) * 1000:F0} ms). {LiteralSentence(plans)}");
    }

    private static string LiteralSentence(IReadOnlyList<(string Title, string Sql, string Plan)> plans)
    {
        var prepared = Describe(PlanFacts.Operators(plans[0].Plan));
        var literal = Describe(PlanFacts.Operators(plans[^1].Plan));
        return prepared == literal
            ? "With the offset written in as a literal the plan is the same, so binding it as a parameter costs nothing here."
            : string.Create(CultureInfo.InvariantCulture, $"With the offset written in as a literal the plan is {literal} instead ({PlanFacts.TotalSeconds(plans[^1].Plan) * 1000:F0} ms).");
    }

    private static string KeysetPlanSentence(IReadOnlyList<(string Title, string Sql, string Plan)> plans, int batchSize)
    {
        var last = plans[1].Plan;
        var text = string.Create(CultureInfo.InvariantCulture, $"Its plan is {Describe(PlanFacts.Operators(last))} with the key condition pushed into the scan (`Filters: id>...`), so the row groups below the key are skipped by their min/max statistics without being read: the last page's scan reads {PlanFacts.ScannedRows(last):N0} rows ({PlanFacts.TotalSeconds(last) * 1000:F0} ms)");
        if (plans.Count <= 3)
        {
            return text + ".";
        }

        var middle = plans[2].Plan;
        var scanned = PlanFacts.ScannedRows(middle);
        text += string.Create(CultureInfo.InvariantCulture, $", the middle page's {scanned:N0} ({PlanFacts.TotalSeconds(middle) * 1000:F0} ms)");
        return scanned <= 4L * batchSize
            ? text + ": about a page's worth wherever the page starts, which is why the line is flat."
            : text + ": every row above the key is still read and ordered to pick the page, so a keyset page costs less the later it starts; it stays far below offset because it never orders the rows before the key.";
    }

    /// <summary>The plan's operators below the profiler's own, e.g. "STREAMING_LIMIT over ORDER_BY over TABLE_SCAN".</summary>
    private static string Describe(IReadOnlyList<string> operators)
    {
        var kept = new List<string>();
        foreach (var op in operators)
        {
            if (op is not ("QUERY" or "EXPLAIN_ANALYZE" or "PROJECTION"))
            {
                kept.Add("`" + op + "`");
            }
        }

        return string.Join(" over ", kept);
    }

    private static double[] Totals(IReadOnlyList<StreamMeasurement> runs)
    {
        var totals = new double[runs.Count];
        for (var i = 0; i < totals.Length; i++)
        {
            totals[i] = runs[i].TotalMilliseconds;
        }

        return totals;
    }

    private static string Join(double[] milliseconds)
    {
        var parts = new string[milliseconds.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = (milliseconds[i] / 1000).ToString("F2", CultureInfo.InvariantCulture);
        }

        return string.Join(", ", parts);
    }

    private static double EdgeRatio(double[] medians)
    {
        var n = Math.Min(EdgeBatches, medians.Length);
        double first = 0, last = 0;
        for (var i = 0; i < n; i++)
        {
            first += medians[i];
            last += medians[medians.Length - 1 - i];
        }

        return last / first;
    }

    private static double LibraryMedian(IReadOnlyList<StreamMeasurement> runs, int index)
    {
        var values = new double[runs.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var pages = runs[i].LibraryPageMilliseconds;
            // The registry's list can end with one more, empty page (when the rows are a multiple of the batch size): skip it.
            values[i] = pages[index < 0 ? runs[i].BatchMilliseconds.Length + index : index];
        }

        return StrategyComparison.Median(values);
    }

    private static long Max(IReadOnlyList<StreamMeasurement> runs, Func<StreamMeasurement, long> value)
    {
        long max = 0;
        foreach (var m in runs)
        {
            max = Math.Max(max, value(m));
        }

        return max;
    }
}
