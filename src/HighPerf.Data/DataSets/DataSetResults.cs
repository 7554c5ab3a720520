using HighPerf.Data.Arrow;

namespace HighPerf.Data.DataSets;

/// <summary>A data set's definition with its row count.</summary>
/// <param name="Definition">The definition.</param>
/// <param name="RowCount">Its rows now.</param>
public sealed record DataSetDescription(DataSetDefinition Definition, long RowCount);

/// <summary>What a bulk insert stored.</summary>
/// <param name="Inserted">The rows inserted (all of the body's).</param>
/// <param name="Duration">From the first byte read to the commit.</param>
public sealed record DataSetBulkResult(long Inserted, TimeSpan Duration)
{
    /// <summary>Rows per second over <see cref="Duration"/>.</summary>
    public double RowsPerSecond => Duration.TotalSeconds > 0 ? Inserted / Duration.TotalSeconds : 0;
}

/// <summary>The rows a query matched, as Arrow record batches in the data set's column order; dispose to free them.</summary>
public sealed class DataSetQueryResult : IDisposable
{
    internal DataSetQueryResult(DataSetDefinition definition, List<RecordBatch> batches, TimeSpan duration, DataSetSummary? summary)
    {
        Definition = definition;
        Batches = batches;
        Duration = duration;
        Summary = summary;
        foreach (var batch in batches)
        {
            RowCount += batch.Length;
        }
    }

    /// <summary>The data set.</summary>
    public DataSetDefinition Definition { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<RecordBatch> Batches { get; }

    /// <summary>How many rows.</summary>
    public long RowCount { get; }

    /// <summary>The time the query took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The summary of every filtered row (not only those returned), when asked for.</summary>
    public DataSetSummary? Summary { get; }

    /// <summary>Frees the batches.</summary>
    public void Dispose()
    {
        foreach (var batch in Batches)
        {
            batch.Dispose();
        }
    }
}

/// <summary>How a data set is read page by page.</summary>
public enum DataSetStreamStrategy
{
    /// <summary><c>ORDER BY key LIMIT n OFFSET k</c>: every page skips the ones before it, so later pages cost more.</summary>
    Offset,

    /// <summary><c>WHERE key &gt; last ORDER BY key LIMIT n</c>: every page starts where the last ended; needs a single-column primary key.</summary>
    Keyset,
}

/// <summary>What a stream of a data set wrote.</summary>
/// <param name="Rows">Rows written.</param>
/// <param name="Pages">Pages queried (the last one may be empty).</param>
/// <param name="Bytes">Bytes of Arrow IPC written.</param>
/// <param name="Duration">The whole stream.</param>
/// <param name="PageDurations">The time of each page, query and write, in order.</param>
public sealed record DataSetStreamResult(long Rows, int Pages, long Bytes, TimeSpan Duration, IReadOnlyList<TimeSpan> PageDurations);

/// <summary>A Parquet export.</summary>
/// <param name="FileName">The file's name inside the export folder.</param>
/// <param name="FullPath">The file on disk.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Duration">The export's time.</param>
public sealed record DataSetExportResult(string FileName, string FullPath, long Rows, long Bytes, TimeSpan Duration);

/// <summary>Timings of the naive (one INSERT per row) and the optimized (Arrow batches) insert of the same rows.</summary>
/// <param name="Rows">Rows inserted by each path.</param>
/// <param name="Naive">The row-by-row path.</param>
/// <param name="Optimized">The Arrow path.</param>
public sealed record DataSetBenchmarkResult(int Rows, TimeSpan Naive, TimeSpan Optimized)
{
    /// <summary>How many times faster the optimized path was.</summary>
    public double Ratio => Optimized.TotalMilliseconds > 0 ? Naive.TotalMilliseconds / Optimized.TotalMilliseconds : 0;
}
