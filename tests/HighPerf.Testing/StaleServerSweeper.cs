using System.Globalization;
using HighPerf.Testing.Native;

namespace HighPerf.Testing;

/// <summary>
/// Removes what a crashed or killed test run left behind: folders whose owning test process is gone,
/// and the servers still running in them.
/// </summary>
internal static class StaleServerSweeper
{
    private static int _swept;

    /// <summary>Sweeps <paramref name="baseDirectory"/> the first time a server starts in this process.</summary>
    public static void SweepOnce(string baseDirectory)
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            Sweep(baseDirectory);
        }
    }

    /// <summary>Stops the leftover servers of dead owners in <paramref name="baseDirectory"/> and deletes their folders.</summary>
    public static void Sweep(string baseDirectory)
    {
        if (!Directory.Exists(baseDirectory))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(baseDirectory))
        {
            if (!TryParseName(Path.GetFileName(folder), out var kind, out var ownerPid)
                || ownerPid == Environment.ProcessId
                || UnixProcesses.IsAlive(ownerPid))
            {
                continue;
            }

            try
            {
                StopLeftoverServer(folder, kind);
                ServerFolder.DeleteDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or another process sweeping the same one; neither blocks this run.
            }
        }
    }

    private static void StopLeftoverServer(string folder, string kind)
    {
        var pidFile = Path.Combine(folder, ServerFolder.PidFileName);
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        // The pid may have been reused since; only a process working inside this folder is our server
        // (postgres works in its data folder, redis-server in its --dir).
        var directory = UnixProcesses.CurrentDirectoryOf(pid);
        if (directory is null
            || !(directory == folder || directory.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            return;
        }

        // Immediate shutdown lets postgres take its backends and shared memory down with it; redis has
        // nothing worth a graceful stop.
        UnixProcesses.Signal(pid, kind == PostgresServer.FolderKind ? LibC.SigQuit : LibC.SigKill);
        if (!UnixProcesses.WaitForExit(pid, TimeSpan.FromSeconds(5)))
        {
            UnixProcesses.Signal(pid, LibC.SigKill);
            UnixProcesses.WaitForExit(pid, TimeSpan.FromSeconds(2));
        }
    }

    internal static bool TryParseName(string name, out string kind, out int ownerPid)
    {
        var parts = name.Split('-');
        kind = parts[0];
        ownerPid = 0;
        return parts.Length == 3
            && kind is PostgresServer.FolderKind or RedisServer.FolderKind
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ownerPid);
    }
}
