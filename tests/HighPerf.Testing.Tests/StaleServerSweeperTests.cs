using System.Diagnostics;
using System.Globalization;

namespace HighPerf.Testing.Tests;

public sealed class StaleServerSweeperTests : IDisposable
{
    private readonly string _baseDirectory = Path.Combine(Path.GetTempPath(), "highperf-sweeper-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> _processes = [];

    [Fact]
    public void A_dead_runs_server_is_killed_and_its_folder_deleted()
    {
        var staleFolder = CreateFolder($"redis-{DeadPid()}-deadbeef");
        var leftover = StartSleep(staleFolder);
        WritePid(staleFolder, leftover.Id);

        StaleServerSweeper.Sweep(_baseDirectory);

        Assert.True(leftover.WaitForExit(TimeSpan.FromSeconds(5)), "the leftover server still runs");
        Assert.False(Directory.Exists(staleFolder));
    }

    [Fact]
    public void A_live_runs_folder_and_unrelated_folders_are_left_alone()
    {
        var liveFolder = CreateFolder($"postgres-{Environment.ProcessId}-a1b2c3d4");
        var server = StartSleep(liveFolder);
        WritePid(liveFolder, server.Id);
        var unrelated = CreateFolder("notes");

        StaleServerSweeper.Sweep(_baseDirectory);

        Assert.False(server.HasExited);
        Assert.True(Directory.Exists(liveFolder));
        Assert.True(Directory.Exists(unrelated));
    }

    [Fact]
    public void A_reused_pid_is_not_killed()
    {
        // The recorded pid now belongs to a process working elsewhere: not our server.
        var staleFolder = CreateFolder($"redis-{DeadPid()}-0badf00d");
        var stranger = StartSleep(_baseDirectory);
        WritePid(staleFolder, stranger.Id);

        StaleServerSweeper.Sweep(_baseDirectory);

        Assert.False(stranger.HasExited);
        Assert.False(Directory.Exists(staleFolder));
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }

        Directory.Delete(_baseDirectory, recursive: true);
    }

    private string CreateFolder(string name) => Directory.CreateDirectory(Path.Combine(_baseDirectory, name)).FullName;

    private Process StartSleep(string workingDirectory)
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "60") { WorkingDirectory = workingDirectory })!;
        _processes.Add(process);
        return process;
    }

    private static void WritePid(string folder, int pid) =>
        File.WriteAllText(Path.Combine(folder, "server.pid"), pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The pid of a child that has exited and been reaped: no process has it now.</summary>
    private static int DeadPid()
    {
        using var finished = Process.Start("true");
        finished.WaitForExit();
        return finished.Id;
    }
}
