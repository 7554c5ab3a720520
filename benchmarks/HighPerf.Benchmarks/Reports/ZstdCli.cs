using System.Globalization;
using System.Text.RegularExpressions;

namespace HighPerf.Benchmarks.Reports;

/// <summary>One <c>zstd -b</c> result: what the reference tool does on the same bytes.</summary>
/// <param name="Level">The level benchmarked.</param>
/// <param name="InputBytes">The file size.</param>
/// <param name="CompressedBytes">The compressed size.</param>
/// <param name="CompressMegabytesPerSecond">Compression speed, input MB (10^6 bytes) per second, the fastest of its runs.</param>
/// <param name="DecompressMegabytesPerSecond">Decompression speed, output MB per second, the fastest of its runs.</param>
/// <param name="Command">The command line, for the report.</param>
/// <param name="FinalLine">The tool's last progress line, for the report.</param>
internal sealed record ZstdCliResult(
    int Level,
    long InputBytes,
    long CompressedBytes,
    double CompressMegabytesPerSecond,
    double DecompressMegabytesPerSecond,
    string Command,
    string FinalLine)
{
    public double Ratio => (double)InputBytes / CompressedBytes;
}

/// <summary>Runs the zstd command-line tool's built-in benchmark (<c>zstd -b</c>) and reads its result.</summary>
internal static partial class ZstdCli
{
    private const string Tool = "zstd";

    /// <summary>The tool's version, e.g. v1.5.4, or <see langword="null"/> when it is not installed.</summary>
    public static string? Version()
    {
        if (ProcessRunner.Run(Tool, "--version") is not (0, var output))
        {
            return null;
        }

        var match = VersionPattern().Match(output);
        return match.Success ? match.Value : output.Trim();
    }

    /// <summary>Benchmarks <paramref name="file"/> at <paramref name="level"/> for at least <paramref name="seconds"/> per direction.</summary>
    public static ZstdCliResult Bench(string file, int level, int seconds)
    {
        // Run from the file's folder with a bare name, so the report shows the same command on every run.
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        var name = Path.GetFileName(file);

        // zstd 1.5.4 reads "-b-5" as an unknown option; negative levels are spelt --fast=N.
        string[] levelArguments = level < 0 ? [$"--fast={-level}", "-b"] : [$"-b{level}"];
        string[] arguments = [.. levelArguments, $"-i{seconds}", name];
        var command = $"{Tool} {string.Join(' ', arguments)}";

        if (ProcessRunner.RunIn(folder, Tool, arguments) is not (var exitCode, var output))
        {
            throw new InvalidOperationException($"'{Tool}' is not installed (Debian: apt-get install zstd).");
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {exitCode}: {output}");
        }

        return Parse(output, level, command);
    }

    /// <summary>
    /// Reads the last complete result line. The tool redraws one line with carriage returns as its
    /// runs improve and ends with "\r N#\n", so the final numbers are the last segment that has both
    /// speeds.
    /// </summary>
    public static ZstdCliResult Parse(string output, int level, string command)
    {
        var finalLine = output
            .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(segment => ResultPattern().IsMatch(segment))
            ?? throw new InvalidOperationException($"No result line in the output of '{command}': {output}");

        var match = ResultPattern().Match(finalLine);
        return new ZstdCliResult(
            level,
            long.Parse(match.Groups["input"].Value, CultureInfo.InvariantCulture),
            long.Parse(match.Groups["compressed"].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups["compress"].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups["decompress"].Value, CultureInfo.InvariantCulture),
            command,
            finalLine.Trim());
    }

    // e.g. " |-s4m.bin  :   4194304 ->    805158 (x5.209),  268.7 MB/s, 1386.8 MB/s"
    [GeneratedRegex(@":\s*(?<input>\d+)\s*->\s*(?<compressed>\d+)\s*\(x\s*[\d.]+\),\s*(?<compress>[\d.]+)\s*MB/s,\s*(?<decompress>[\d.]+)\s*MB/s")]
    private static partial Regex ResultPattern();

    [GeneratedRegex(@"v\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();
}
