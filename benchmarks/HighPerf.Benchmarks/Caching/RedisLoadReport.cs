using System.Diagnostics;
using System.Globalization;
using System.Text;
using HighPerf.Benchmarks.Infrastructure;
using HighPerf.Benchmarks.Reports;
using HighPerf.Caching.Redis;
using HighPerf.Testing;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// <c>report redis</c>: against one private redis-server, runs <c>redis-benchmark</c> (50 clients,
/// -P 1 and -P 16) and then our client (1, 16 and 64 concurrent callers, each awaiting its own
/// commands one at a time) for GET and SET of 100 B and 4 KiB values, in the same run, and writes
/// benchmarks/results/redis.md with throughput, p50/p99 latency and the issue's bars.
/// </summary>
internal static class RedisLoadReport
{
    private static readonly int[] s_sizes = [100, 4096];
    private static readonly int[] s_callers = [1, 16, 64];

    internal static int Run(bool quick)
    {
        var duration = TimeSpan.FromSeconds(quick ? 0.5 : 4);
        var started = DateTime.UtcNow;
        var loadAtStart = MachineInfo.LoadAverageNow();
        var server = RedisServer.StartAsync().GetAwaiter().GetResult();
        try
        {
            var tool = new List<ToolResult>();
            foreach (var size in s_sizes)
            {
                foreach (var pipeline in new[] { 1, 16 })
                {
                    tool.AddRange(RunRedisBenchmark(server.Port, size, pipeline, quick));
                }
            }

            var ours = new List<ClientResult>();
            var client = RedisClient.ConnectAsync(server.ConnectionString).GetAwaiter().GetResult();
            try
            {
                foreach (var size in s_sizes)
                {
                    var value = new byte[size];
                    new Random(size).NextBytes(value);
                    client.SetAsync("bench:key", value).AsTask().GetAwaiter().GetResult();
                    foreach (var callers in s_callers)
                    {
                        ours.Add(Measure(client, "GET", size, callers, duration, value));
                        ours.Add(Measure(client, "SET", size, callers, duration, value));
                    }
                }
            }
            finally
            {
                client.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            var markdown = Render(tool, ours, started, loadAtStart, quick);
            var path = Path.Combine(RepositoryPaths.Root ?? ".", "benchmarks", "results", "redis.md");
            File.WriteAllText(path, markdown);
            Console.WriteLine(markdown);
            Console.WriteLine("Wrote " + path);
            return 0;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static ClientResult Measure(RedisClient client, string command, int size, int callers, TimeSpan duration, byte[] value)
    {
        // Warm up the connection, the pools and the JIT before the clock starts.
        var get = command == "GET";
        RunCallers(client, callers, TimeSpan.FromMilliseconds(300), get, value, record: false);
        var (count, elapsed, latencies) = RunCallers(client, callers, duration, get, value, record: true);
        latencies.Sort();
        return new ClientResult(command, size, callers, count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    /// <summary>Each caller awaits the client's ValueTask directly, as application code would: no Task per command.</summary>
    private static (long Count, TimeSpan Elapsed, List<double> LatenciesMs) RunCallers(RedisClient client, int callers, TimeSpan duration, bool get, byte[] value, bool record)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<double>[callers];
        var counts = new long[callers];
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            var index = i;
            samples[index] = new List<double>(record ? 1 << 16 : 0);
            tasks[i] = Task.Run(async () =>
            {
                var list = samples[index];
                long n = 0;
                while (true)
                {
                    var before = Stopwatch.GetTimestamp();
                    if (before >= stop)
                    {
                        break;
                    }

                    if (get)
                    {
                        await client.GetAsync("bench:key");
                    }
                    else
                    {
                        await client.SetAsync("bench:key", value);
                    }

                    n++;

                    // Every 8th command's latency is kept: enough for percentiles, little memory.
                    if (record && (n & 7) == 0)
                    {
                        list.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                    }
                }

                counts[index] = n;
            });
        }

        Task.WaitAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var all = new List<double>();
        foreach (var list in samples)
        {
            all.AddRange(list);
        }

        return (counts.Sum(), elapsed, all);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static IEnumerable<ToolResult> RunRedisBenchmark(int port, int size, int pipeline, bool quick)
    {
        var requests = (quick ? 20_000 : 200_000) * (pipeline == 1 ? 1 : 5);
        var result = ProcessRunner.Run("redis-benchmark", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-t", "get,set", "-d", size.ToString(CultureInfo.InvariantCulture), "-c", "50", "-P", pipeline.ToString(CultureInfo.InvariantCulture),
            "-n", requests.ToString(CultureInfo.InvariantCulture), "--csv");
        if (result is not (0, var output))
        {
            throw new InvalidOperationException("redis-benchmark failed: " + result?.Output);
        }

        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split(',').Select(c => c.Trim('"')).ToArray();
            if (cells.Length >= 7 && cells[0] is "GET" or "SET")
            {
                yield return new ToolResult(cells[0], size, pipeline, Number(cells[1]), Number(cells[4]), Number(cells[6]));
            }
        }
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Render(List<ToolResult> tool, List<ClientResult> ours, DateTime started, string loadAtStart, bool quick)
    {
        var machine = MachineInfo.Collect();
        var redisVersion = ProcessRunner.Run("redis-server", "--version") is (0, var v) ? v.Trim() : "unknown";
        var md = new StringBuilder();
        md.AppendLine("# Redis client load report").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured on {started:yyyy-MM-dd HH:mm} UTC by `report redis`{(quick ? " (QUICK run: numbers not reliable)" : string.Empty)}. Reproduce with `benchmarks/run.sh redis`.").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| CPU | {machine.Cpu}, {machine.LogicalCores} logical cores |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Memory | {machine.Memory} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| OS | {machine.OperatingSystem} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| .NET | {machine.DotNet} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Server | {redisVersion}, private instance on loopback, no persistence |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Load average at start, at end | {loadAtStart}; {MachineInfo.LoadAverageNow()} |").AppendLine();

        md.AppendLine("Server, tool and client share the machine's 2 cores. `redis-benchmark`: 50 connections, `-P 1` (one command in flight per connection) and `-P 16` (16 pipelined per connection). Ours: N callers sharing ONE multiplexed connection, each awaiting its command before sending the next, for a fixed time; latency is per command as the caller sees it.").AppendLine();

        md.AppendLine("## The issue's bars").AppendLine();
        md.AppendLine("| Bar | Size | Command | Ours | redis-benchmark | Result |").AppendLine("|---|---:|---|---:|---:|---|");
        foreach (var size in s_sizes)
        {
            foreach (var command in new[] { "GET", "SET" })
            {
                var ours64 = ours.Single(r => r.Size == size && r.Command == command && r.Callers == 64);
                var p16 = tool.Single(r => r.Size == size && r.Command == command && r.Pipeline == 16);
                var share = ours64.OpsPerSecond / p16.RequestsPerSecond;
                md.AppendLine(CultureInfo.InvariantCulture, $"| 64 callers >= 70 % of -P 16 throughput | {size} B | {command} | {ours64.OpsPerSecond:N0} ops/s | {p16.RequestsPerSecond:N0} rps | {(share >= 0.70 ? "PASS" : "FAIL")} ({share:P0}) |");
            }
        }

        foreach (var size in s_sizes)
        {
            foreach (var command in new[] { "GET", "SET" })
            {
                var ours1 = ours.Single(r => r.Size == size && r.Command == command && r.Callers == 1);
                var p1 = tool.Single(r => r.Size == size && r.Command == command && r.Pipeline == 1);
                var ratio = ours1.P50Ms / p1.P50Ms;
                md.AppendLine(CultureInfo.InvariantCulture, $"| 1 caller p50 <= 1.2x -P 1 p50 | {size} B | {command} | {ours1.P50Ms:F3} ms | {p1.P50Ms:F3} ms | {(ratio <= 1.2 ? "PASS" : "FAIL")} ({ratio:F2}x) |");
            }
        }

        md.AppendLine().AppendLine("## Our client").AppendLine();
        md.AppendLine("| Command | Value | Callers | ops/s | p50 ms | p99 ms |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in ours)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Command} | {r.Size} B | {r.Callers} | {r.OpsPerSecond:N0} | {r.P50Ms:F3} | {r.P99Ms:F3} |");
        }

        md.AppendLine().AppendLine("## redis-benchmark (same server, same run)").AppendLine();
        md.AppendLine("| Command | Value | Pipeline | requests/s | p50 ms | p99 ms |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in tool)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Command} | {r.Size} B | -P {r.Pipeline} | {r.RequestsPerSecond:N0} | {r.P50Ms:F3} | {r.P99Ms:F3} |");
        }

        return md.ToString();
    }

    private sealed record ToolResult(string Command, int Size, int Pipeline, double RequestsPerSecond, double P50Ms, double P99Ms);

    private sealed record ClientResult(string Command, int Size, int Callers, double OpsPerSecond, double P50Ms, double P99Ms);
}
