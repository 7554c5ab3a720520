using System.IO.Compression;
using HighPerf.Compression;

namespace HighPerf.Benchmarks.Infrastructure;

/// <summary>
/// The benchmark input: real JSON lines (Debian package metadata), the start of the decompressed
/// debian-packages.jsonl.zst from the shared data folder beside the repository.
/// </summary>
public static class Corpus
{
    /// <summary>Set to a .zst file to benchmark other data.</summary>
    public const string PathVariable = "HIGHPERF_CORPUS";

    /// <summary>The small slice: about one HTTP API response.</summary>
    public const int SmallSlice = 20 * 1024;

    /// <summary>The large slice: a bulk payload, large enough that per-call overheads vanish.</summary>
    public const int LargeSlice = 4 * 1024 * 1024;

    /// <summary>The corpus file: <see cref="PathVariable"/>, else ../shared/data/debian-packages.jsonl.zst from the repository root.</summary>
    public static string FilePath
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return Path.GetFullPath(overridden);
            }

            return Path.GetFullPath(Path.Combine(RepositoryPaths.RequireRoot(), "..", "shared", "data", "debian-packages.jsonl.zst"));
        }
    }

    /// <summary>
    /// Makes a relative <see cref="PathVariable"/> absolute in this process's environment:
    /// BenchmarkDotNet's child processes inherit it but run from another directory.
    /// </summary>
    public static void PinPathForChildProcesses()
    {
        var overridden = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            Environment.SetEnvironmentVariable(PathVariable, Path.GetFullPath(overridden));
        }
    }

    /// <summary>
    /// The first <paramref name="length"/> bytes of the decompressed corpus, in an array of exactly
    /// that length. Only that much is decompressed (through our own <see cref="ZstdStream"/>), so a
    /// benchmark process pays milliseconds, not the whole 47 MB file.
    /// </summary>
    public static byte[] Read(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var path = FilePath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The benchmark corpus {path} does not exist; set {PathVariable} to a .zst file to use another.", path);
        }

        var slice = new byte[length];
        using var file = File.OpenRead(path);
        using var zstd = new ZstdStream(file, CompressionMode.Decompress);
        var read = zstd.ReadAtLeast(slice, length, throwOnEndOfStream: false);
        if (read < length)
        {
            throw new InvalidOperationException($"The corpus {path} decompresses to {read} bytes, fewer than the {length} asked for.");
        }

        return slice;
    }
}
