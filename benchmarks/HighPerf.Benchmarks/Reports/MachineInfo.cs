using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;
using HighPerf.Compression;

namespace HighPerf.Benchmarks.Reports;

/// <summary>What the numbers were measured on, for the head of a report.</summary>
internal sealed record MachineInfo(
    string Cpu,
    int LogicalCores,
    string Memory,
    string OperatingSystem,
    string DotNet,
    string BenchmarkDotNet,
    string LibZstd,
    string ZstdCli,
    string LoadAverage)
{
    public static MachineInfo Collect() => new(
        ReadCpu(),
        Environment.ProcessorCount,
        ReadMemory(),
        ReadOperatingSystem(),
        $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
        typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString(3) ?? "unknown",
        Zstd.LibraryVersion.ToString(3),
        Reports.ZstdCli.Version() ?? "not installed",
        LoadAverageNow());

    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine, how much else was running.</summary>
    public static string LoadAverageNow()
        => ReadFirstLine("/proc/loadavg") is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    private static string ReadCpu()
    {
        if (ProcessRunner.Run("lscpu") is not (0, var output))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var model = Field(output, "Model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        return Field(output, "Hypervisor vendor") is { } hypervisor ? $"{model} (virtual machine, {hypervisor})" : model;
    }

    private static string ReadMemory()
    {
        // "MemTotal:       24684312 kB"
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GiB")
            : "unknown";
    }

    private static string ReadOperatingSystem()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        var kernel = ReadFirstLine("/proc/sys/kernel/osrelease");
        return pretty is null || kernel is null ? RuntimeInformation.OSDescription : $"{pretty}, kernel {kernel}";
    }

    private static string? Field(string lscpu, string name)
        => lscpu.Split('\n')
            .Select(l => l.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;
}
