namespace HighPerf.Benchmarks.Reports;

/// <summary>Everything <see cref="CompressionMarkdown"/> writes.</summary>
internal sealed record CompressionDocument(
    bool Quick,
    DateTimeOffset Started,
    TimeSpan Elapsed,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    string CorpusPath,
    IReadOnlyList<CodecResult> Results,
    IReadOnlyList<ZstdCliResult> Tool,
    IReadOnlyList<BarResult> Bars,
    IReadOnlyList<(string Title, string Markdown)> BenchmarkDotNetTables);
