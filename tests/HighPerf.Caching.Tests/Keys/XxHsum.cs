using System.Diagnostics;

namespace HighPerf.Caching.Tests.Keys;

/// <summary>The real <c>xxhsum</c> tool (Debian package xxhash): its XXH3-128 of a file, as it prints it.</summary>
internal static class XxHsum
{
    internal static string Hash128(byte[] data)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, data);
            var start = new ProcessStartInfo("xxhsum") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-H2");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("xxhsum did not start");
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"xxhsum exited {process.ExitCode}: {error}");
            }

            // "<32 hex digits>  <path>"
            return output.Split(' ', 2)[0];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
