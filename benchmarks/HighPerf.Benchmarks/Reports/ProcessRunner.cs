using System.ComponentModel;
using System.Diagnostics;

namespace HighPerf.Benchmarks.Reports;

/// <summary>Runs a command-line tool and captures what it prints.</summary>
internal static class ProcessRunner
{
    /// <summary>The exit code and the standard output and error together, or <see langword="null"/> when the tool is not installed.</summary>
    public static (int ExitCode, string Output)? Run(string fileName, params string[] arguments)
        => RunIn(workingDirectory: null, fileName, arguments);

    /// <inheritdoc cref="Run" />
    public static (int ExitCode, string Output)? RunIn(string? workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;

            // Both pipes at once: a tool that fills one while we wait on the other would hang.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult());
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
