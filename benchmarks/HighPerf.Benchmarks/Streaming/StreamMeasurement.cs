using HighPerf.Data.DataSets;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>One complete stream of the data set, as its consumer saw it.</summary>
/// <param name="Strategy">Offset or keyset.</param>
/// <param name="BatchSize">Rows per page.</param>
/// <param name="Rows">Rows the consumer read.</param>
/// <param name="Bytes">Arrow IPC bytes the consumer read.</param>
/// <param name="BatchMilliseconds">Per page: the consumer's time from the previous page's last row (or the start) to this page's last row.</param>
/// <param name="LibraryPageMilliseconds">Per page: the registry's own figure (query and write), from <see cref="DataSetStreamResult.PageDurations"/>.</param>
/// <param name="TotalMilliseconds">From the call to the end of the stream.</param>
/// <param name="PeakManagedBytes">The largest managed heap size sampled at each page, minus the heap before the stream.</param>
/// <param name="PeakResidentBytes">The process's peak RSS during the stream (VmHWM after a reset), or the largest sample when it cannot be reset.</param>
/// <param name="ResidentBeforeBytes">RSS before the stream.</param>
internal sealed record StreamMeasurement(
    DataSetStreamStrategy Strategy,
    int BatchSize,
    long Rows,
    long Bytes,
    double[] BatchMilliseconds,
    double[] LibraryPageMilliseconds,
    double TotalMilliseconds,
    long PeakManagedBytes,
    long PeakResidentBytes,
    long ResidentBeforeBytes);
