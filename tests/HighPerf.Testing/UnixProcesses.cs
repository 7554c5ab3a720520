using System.Runtime.InteropServices;
using HighPerf.Testing.Native;

namespace HighPerf.Testing;

/// <summary>Processes by id, including ones this process did not start (leftovers of a crashed run).</summary>
internal static class UnixProcesses
{
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>
    /// Whether <paramref name="pid"/> runs. A zombie counts as dead: it holds no port and no file,
    /// it only waits for a parent to reap it, which in a container may never happen.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (!Directory.Exists("/proc/self"))
        {
            return LibC.Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }

        // "pid (comm) state ...": comm may hold spaces and parentheses, so the state follows the last ')'.
        var close = stat.LastIndexOf(')');
        return close < 0 || close + 2 >= stat.Length || stat[close + 2] != 'Z';
    }

    /// <summary>The current directory of <paramref name="pid"/>, or <see langword="null"/> when it cannot be read.</summary>
    public static string? CurrentDirectoryOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="signal"/>; <see langword="false"/> when the process is gone or not ours to signal.</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && LibC.Kill(pid, signal) == 0;

    /// <summary>Polls until <paramref name="pid"/> is dead or <paramref name="timeout"/> passes; whether it died.</summary>
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    /// <inheritdoc cref="WaitForExit"/>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
