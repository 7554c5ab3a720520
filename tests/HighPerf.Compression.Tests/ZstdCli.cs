using System.Diagnostics;

namespace HighPerf.Compression.Tests;

/// <summary>The real <c>zstd</c> command-line tool, fed and read as bytes.</summary>
internal static class ZstdCli
{
    internal static byte[] Run(byte[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo("zstd")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("zstd did not start");
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copyOut.Wait(TimeSpan.FromMinutes(2));
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"zstd {string.Join(' ', arguments)} exited {process.ExitCode}: {readErr.Result}");
        }

        return stdout.ToArray();
    }
}
