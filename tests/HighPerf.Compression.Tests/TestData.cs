using System.Text;

namespace HighPerf.Compression.Tests;

/// <summary>Deterministic payloads: JSON-like text that compresses like real API data, and random bytes that do not.</summary>
internal static class TestData
{
    private static readonly string[] s_words =
    [
        "package", "version", "description", "library", "runtime", "server", "client", "cache", "stream",
        "compression", "utility", "development", "documentation", "python3", "debian", "network", "data",
    ];

    internal static byte[] Json(int length, int seed = 1)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length + 256);
        var id = 0;
        while (builder.Length < length)
        {
            builder.Append("{\"id\": ").Append(++id)
                .Append(", \"package\": \"").Append(s_words[random.Next(s_words.Length)]).Append('-').Append(random.Next(1000))
                .Append("\", \"installed_size_kb\": ").Append(random.Next(100_000))
                .Append(", \"description\": \"");
            for (var w = random.Next(5, 30); w > 0; w--)
            {
                builder.Append(s_words[random.Next(s_words.Length)]).Append(' ');
            }

            builder.Append("\"}\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString())[..length];
    }

    internal static byte[] Random(int length, int seed = 2)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The repository's real corpus (Debian package descriptions), if the shared folder is beside the checkout.</summary>
    internal static string CorpusPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HighPerf.slnx")))
            {
                dir = dir.Parent;
            }

            return dir is null
                ? throw new InvalidOperationException("The repository root (HighPerf.slnx) was not found above " + AppContext.BaseDirectory)
                : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "debian-packages.jsonl.zst"));
        }
    }
}
