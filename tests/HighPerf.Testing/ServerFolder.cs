using System.Globalization;

namespace HighPerf.Testing;

/// <summary>
/// A test server's private folder, <c>{temp}/highperf-tests/{kind}-{owner pid}-{random}</c>. The owner's
/// pid in the name and the server's pid in <see cref="PidFileName"/> let a later run clean up after
/// one that crashed (see <see cref="StaleServerSweeper"/>).
/// </summary>
internal sealed class ServerFolder
{
    public const string PidFileName = "server.pid";

    private ServerFolder(string path) => Path = path;

    /// <summary>Where every server folder lives.</summary>
    public static string BaseDirectory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "highperf-tests");

    public string Path { get; }

    public bool Exists => Directory.Exists(Path);

    /// <summary>Creates a fresh folder for a server of <paramref name="kind"/>, first sweeping leftovers of dead runs.</summary>
    public static ServerFolder Create(string kind)
    {
        EnsureBaseDirectory();
        StaleServerSweeper.SweepOnce(BaseDirectory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{kind}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var path = System.IO.Path.Combine(BaseDirectory, name);
        Directory.CreateDirectory(path);
        return new ServerFolder(path);
    }

    /// <summary>Records the server's pid for a later sweep.</summary>
    public void WriteServerPid(int pid) =>
        File.WriteAllText(System.IO.Path.Combine(Path, PidFileName), pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>Deletes the folder; a server that just exited may still release files, so retry briefly.</summary>
    public void Delete() => DeleteDirectory(Path);

    internal static void DeleteDirectory(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception e) when (attempt < 10 && e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static void EnsureBaseDirectory()
    {
        if (Directory.Exists(BaseDirectory))
        {
            return;
        }

        Directory.CreateDirectory(BaseDirectory);
        if (!OperatingSystem.IsWindows())
        {
            // Like /tmp: root on CI and a developer's own account may share the machine, and each must be
            // able to add its folders here; the sticky bit keeps them from deleting each other's.
            try
            {
                File.SetUnixFileMode(BaseDirectory, (UnixFileMode)0x3FF | UnixFileMode.StickyBit);
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else created it between our check and our create; theirs is fine.
            }
        }
    }
}
