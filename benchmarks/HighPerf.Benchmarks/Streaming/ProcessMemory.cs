using System.Globalization;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>The process's resident memory from /proc, and a way to restart its high-water mark before a measured run.</summary>
internal static class ProcessMemory
{
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>Resident memory now, in bytes (second field of /proc/self/statm, in pages).</summary>
    public static long ResidentBytes()
    {
        var statm = File.ReadAllText("/proc/self/statm");
        var fields = statm.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture) * PageSize;
    }

    /// <summary>
    /// Resets VmHWM to the current RSS (writing 5 to /proc/self/clear_refs, Linux 4.0+), so the next
    /// <see cref="PeakResidentBytes"/> is the peak of what follows, not of everything since start-up.
    /// </summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>VmHWM of /proc/self/status: the peak resident memory since start or the last reset, in bytes.</summary>
    public static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
