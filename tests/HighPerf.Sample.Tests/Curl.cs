using System.Diagnostics;

namespace HighPerf.Sample.Tests;

/// <summary>The real curl client: the response's headers and exact body bytes.</summary>
internal sealed record CurlResponse(int Status, Dictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

internal static class Curl
{
    internal static async Task<CurlResponse> GetAsync(Uri url, params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("highperf-curl-");
        try
        {
            var headersPath = Path.Combine(folder.FullName, "headers");
            var bodyPath = Path.Combine(folder.FullName, "body");
            var start = new ProcessStartInfo("curl") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var option in (string[])[.. options, "-s", "-S", "-D", headersPath, "-o", bodyPath, url.ToString()])
            {
                start.ArgumentList.Add(option);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"curl exited {process.ExitCode}: {error}");
            }

            var lines = await File.ReadAllLinesAsync(headersPath);
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>();
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                }
            }

            return new CurlResponse(status, headers, await File.ReadAllBytesAsync(bodyPath));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs the zstd tool over bytes (decompression by the reference implementation).</summary>
    internal static byte[] ZstdDecompress(byte[] compressed)
    {
        var start = new ProcessStartInfo("zstd", "-d -c") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(compressed);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }

    /// <summary>Compresses bytes with the zstd tool (level 3), as a client would before sending them.</summary>
    internal static async Task<byte[]> ZstdCompressAsync(byte[] data)
    {
        var start = new ProcessStartInfo("zstd", "-q -3 -c") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        await process.StandardInput.BaseStream.WriteAsync(data);
        process.StandardInput.Close();
        await copy;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }
}
