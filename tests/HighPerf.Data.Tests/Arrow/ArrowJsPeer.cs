using System.Diagnostics;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>
/// The Node program in Peers/arrow-js, which uses the apache-arrow npm package (pinned by its lock file):
/// <c>read</c> turns an IPC stream into canonical JSON, <c>write</c> turns canonical JSON into an IPC stream.
/// Its packages are installed by eng/node-peers.sh (which the test command runs); if they are missing,
/// the first use runs that script.
/// </summary>
internal static class ArrowJsPeer
{
    private static readonly Lazy<string> s_folder = new(FindAndInstall);

    public static string Read(byte[] stream) => System.Text.Encoding.UTF8.GetString(Run(stream, "read", "-"));

    /// <summary>A stream written by apache-arrow; with <paramref name="zstd"/>, ZSTD bodies whose length prefixes the peer corrects (see peer.mjs).</summary>
    public static byte[] Write(string json, bool zstd) =>
        Run(System.Text.Encoding.UTF8.GetBytes(json), zstd ? ["write", "-", "--zstd"] : ["write", "-"]);

    /// <summary>A ZSTD stream exactly as apache-arrow 21.2.0 writes it (compressed lengths in the prefixes).</summary>
    public static byte[] WriteZstdAsIs(string json) => Run(System.Text.Encoding.UTF8.GetBytes(json), "write", "-", "--zstd-as-is");

    private static byte[] Run(byte[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = s_folder.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("peer.mjs");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        if (!copyOut.Wait(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException($"node peer.mjs {string.Join(' ', arguments)} did not finish in 2 minutes");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node peer.mjs {string.Join(' ', arguments)} exited {process.ExitCode}: {readErr.Result}");
        }

        return stdout.ToArray();
    }

    private static string FindAndInstall()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HighPerf.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("The repository root (HighPerf.slnx) was not found above " + AppContext.BaseDirectory);
        }

        var folder = Path.Combine(dir.FullName, "tests", "HighPerf.Data.Tests", "Peers", "arrow-js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "apache-arrow")))
        {
            using var install = Process.Start(new ProcessStartInfo(Path.Combine(dir.FullName, "eng", "node-peers.sh")) { UseShellExecute = false })
                ?? throw new InvalidOperationException("eng/node-peers.sh did not start");
            install.WaitForExit();
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"eng/node-peers.sh exited {install.ExitCode}; the apache-arrow peer is not installed.");
            }
        }

        return folder;
    }
}
