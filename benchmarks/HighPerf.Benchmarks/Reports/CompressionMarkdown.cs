using System.Globalization;
using System.Text;
using HighPerf.Benchmarks.Compression;

namespace HighPerf.Benchmarks.Reports;

/// <summary>Writes benchmarks/results/compression.md.</summary>
internal static class CompressionMarkdown
{
    public static string Render(CompressionDocument d)
    {
        var md = new StringBuilder();
        md.AppendLine("# Compression benchmarks");
        md.AppendLine();
        if (d.Quick)
        {
            md.AppendLine("> **QUICK RUN** (`--quick`): a few 100 ms iterations to check the pipeline. These numbers are not to be trusted; do not commit this file.");
            md.AppendLine();
        }

        md.AppendLine(Invariant($"Measured on {d.Started:yyyy-MM-dd HH:mm} UTC by `report compression`; the run took {d.Elapsed.TotalMinutes:F1} min. Reproduce with `benchmarks/run.sh compression`."));
        md.AppendLine();

        WriteMachine(md, d);
        WriteBars(md, d);
        foreach (var slice in CompressionReport.Slices)
        {
            WriteCompressionSummary(md, d, slice);
        }

        WriteDecompressionSummary(md, d);
        WriteMethod(md, d);

        foreach (var (title, table) in d.BenchmarkDotNetTables)
        {
            md.AppendLine($"## BenchmarkDotNet: {title}");
            md.AppendLine();
            md.AppendLine(table.Trim());
            md.AppendLine();
        }

        md.AppendLine("## zstd CLI output");
        md.AppendLine();
        md.AppendLine("The final line of each `zstd -b` run: size, compressed size, ratio, compression speed, decompression speed.");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var run in d.Tool)
        {
            md.AppendLine($"$ {run.Command}");
            md.AppendLine(run.FinalLine);
        }

        md.AppendLine("```");
        return md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void WriteMachine(StringBuilder md, CompressionDocument d)
    {
        var m = d.Machine;
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| CPU | {m.Cpu}, {m.LogicalCores} logical cores |");
        md.AppendLine($"| Memory | {m.Memory} |");
        md.AppendLine($"| OS | {m.OperatingSystem} |");
        md.AppendLine($"| .NET | {m.DotNet} |");
        md.AppendLine($"| BenchmarkDotNet | {m.BenchmarkDotNet} |");
        md.AppendLine($"| libzstd loaded by HighPerf.Compression | {m.LibZstd} |");
        md.AppendLine($"| zstd CLI | {m.ZstdCli} |");
        md.AppendLine($"| Load average (1/5/15 min) at start, at end | {m.LoadAverage}; {d.LoadAverageAtEnd} |");
        md.AppendLine();
    }

    private static void WriteBars(StringBuilder md, CompressionDocument d)
    {
        md.AppendLine("## The issue's bars (4 MiB slice)");
        md.AppendLine();
        md.AppendLine("| Bar | Result | Numbers |");
        md.AppendLine("|---|---|---|");
        foreach (var bar in d.Bars)
        {
            md.AppendLine($"| {bar.Name} | **{bar.Verdict}** | {bar.Numbers} |");
        }

        md.AppendLine();
    }

    private static void WriteCompressionSummary(StringBuilder md, CompressionDocument d, int slice)
    {
        md.AppendLine(Invariant($"## Compression, {Size(slice)} slice ({slice:N0} bytes)"));
        md.AppendLine();
        md.AppendLine("| Codec | MB/s | Compression ratio | `zstd -b` MB/s | `zstd -b` ratio | ours / tool speed |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in d.Results.Where(r => r.Suite == nameof(CompressionBenchmarks) && r.SliceBytes == slice))
        {
            var level = CodecNames.ToolLevel(row.Suite, row.Method);
            var tool = d.Tool.FirstOrDefault(t => t.Level == level && t.InputBytes == slice);
            var share = row.MegabytesPerSecond / tool?.CompressMegabytesPerSecond;
            md.AppendLine(
                $"| {row.Codec} | {Number(row.MegabytesPerSecond, "F1")} | {Number(row.Ratio, "F3")} " +
                $"| {Number(tool?.CompressMegabytesPerSecond, "F1")} | {Number(tool?.Ratio, "F3")} | {Number(share * 100, "F0")}{(share is null ? "" : "%")} |");
        }

        md.AppendLine();
    }

    private static void WriteDecompressionSummary(StringBuilder md, CompressionDocument d)
    {
        var rows = d.Results.Where(r => r.Suite == nameof(DecompressionBenchmarks)).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        md.AppendLine(Invariant($"## Decompression, {Size(rows[0].SliceBytes)} slice"));
        md.AppendLine();
        md.AppendLine("MB/s counts decompressed (output) bytes, as `zstd -b` does.");
        md.AppendLine();
        md.AppendLine("| Codec | MB/s | Compression ratio of the data | `zstd -b3` decompression MB/s |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            var level = CodecNames.ToolLevel(row.Suite, row.Method);
            var tool = d.Tool.FirstOrDefault(t => t.Level == level && t.InputBytes == row.SliceBytes);
            md.AppendLine($"| {row.Codec} | {Number(row.MegabytesPerSecond, "F1")} | {Number(row.Ratio, "F3")} | {Number(tool?.DecompressMegabytesPerSecond, "F1")} |");
        }

        md.AppendLine();
    }

    private static void WriteMethod(StringBuilder md, CompressionDocument d)
    {
        md.AppendLine("## How it was measured");
        md.AppendLine();
        md.AppendLine($"- Corpus: the first 20 KiB and 4 MiB of the decompressed `{Path.GetFileName(d.CorpusPath)}` (Debian package metadata as JSON lines), read through our own `ZstdStream`.");
        md.AppendLine("- Ours: BenchmarkDotNet, default out-of-process toolchain, one process per case; MB/s = slice bytes / mean time, 1 MB = 10^6 bytes (zstd's unit). Output goes to buffers allocated once.");
        md.AppendLine("- `zstd -b<level> -i<seconds>` (`--fast=5 -b` for level -5: zstd 1.5.4 rejects `-b-5`) on the same bytes written to a file. The tool reports the *fastest* of its runs where we report the mean, so the comparison leans in the tool's favour. The tool carries its own libzstd (Debian's binary links it statically), so its build flags may differ from the shared library's.");
        md.AppendLine("- zstd one-shot is `Zstd.Compress(span, span, level)` (ZSTD_compressCCtx on a pooled context); `ZstdStream 3` is the streaming path (ZSTD_compressStream2) into a reused MemoryStream.");
        md.AppendLine("- GZip is `GZipStream` into a reused MemoryStream (.NET's zlib-ng: Optimal is zlib level 6, Fastest level 1). Brotli is `BrotliEncoder.TryCompress` at quality 4, window 22: what `BrotliStream` uses for `CompressionLevel.Optimal`.");
        md.AppendLine("- In BenchmarkDotNet's tables, `Ratio` is time relative to the GZip baseline (lower is faster); `Compression ratio` is uncompressed / compressed size. `ZstdFast5` is level -5.");
        md.AppendLine();
    }

    private static string Size(int bytes) => bytes >= 1024 * 1024 ? Invariant($"{bytes / (1024 * 1024)} MiB") : Invariant($"{bytes / 1024} KiB");

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
