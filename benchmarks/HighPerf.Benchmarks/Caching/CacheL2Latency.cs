using System.Diagnostics;
using HighPerf.Caching;
using HighPerf.Caching.Redis;
using HighPerf.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// An L2 hit beside a bare GET of the same stored bytes, one caller, measured interleaved in one
/// process against one private redis-server: rounds alternate the two (and which goes first), so
/// that whatever else the machine does falls on both alike. Every read is timed; the medians and
/// means of all reads are compared.
/// </summary>
internal static class CacheL2Latency
{
    internal sealed record Result(int ValueBytes, int Reads, double BareP50Us, double StoreP50Us, double BareMeanUs, double StoreMeanUs, double BareP99Us, double StoreP99Us)
    {
        internal double P50Ratio => StoreP50Us / BareP50Us;

        internal double MeanRatio => StoreMeanUs / BareMeanUs;
    }

    /// <param name="sizes">The value sizes, in bytes.</param>
    /// <param name="quick">Fewer rounds.</param>
    /// <param name="serverCpu">
    /// The one CPU redis-server's main thread is kept on, or <see langword="null"/> to let the scheduler place it. Left
    /// to itself on 2 cores, a whole process run settles into a fast mode (about 21 us a GET) or a slow one (about
    /// 40 us) depending on where the threads land, and the two paths need not land alike; with the server on one core
    /// and this process on the other (taskset), every run measures the same mode.
    /// </param>
    internal static List<Result> Run(int[] sizes, bool quick, int? serverCpu = null)
    {
        var rounds = quick ? 4 : 40;
        var perRound = quick ? 100 : 500;
        var server = RedisServer.StartAsync().GetAwaiter().GetResult();
        try
        {
            if (serverCpu is { } cpu && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            {
                using var process = Process.GetProcessById(server.ProcessId);
                process.ProcessorAffinity = (nint)(1L << cpu);
            }

            // One pass over every size first, discarded: the first size measured in a fresh process came
            // out 20-30 % slower than the same size measured again later (code still being tiered up,
            // thread-pool threads still being created), which is not what an L2 hit costs.
            foreach (var size in sizes)
            {
                _ = Measure(server, size, rounds: 2, perRound, quick).GetAwaiter().GetResult();
            }

            var results = new List<Result>();
            foreach (var size in sizes)
            {
                results.Add(Measure(server, size, rounds, perRound, quick).GetAwaiter().GetResult());
            }

            return results;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<Result> Measure(RedisServer server, int size, int rounds, int perRound, bool quick)
    {
        await using var client = await RedisClient.ConnectAsync(server.ConnectionString);
        var services = new ServiceCollection();
        services.AddHighPerfRedis(o => o.ConnectionString = server.ConnectionString);
        services.AddHighPerfCaching(o => o.MaximumL1EntryBytes = 0);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ICacheStore>();

        var key = $"bench:l2:latency:{size}";
        CacheKey cacheKey = key;
        var value = new byte[size];
        new Random(size).NextBytes(value);
        await store.SetAsync(cacheKey, value);

        async Task<double> BareAsync()
        {
            var start = Stopwatch.GetTimestamp();
            _ = await client.GetAsync(key) ?? throw new InvalidOperationException("The value is not in Redis.");
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        async Task<double> StoreAsync()
        {
            var start = Stopwatch.GetTimestamp();
            _ = await store.GetOrCreateAsync<int, byte[]>(cacheKey, 0, static (_, _) => throw new InvalidOperationException("The value is not in L2."));
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        // Long enough for tiered compilation to reach its optimized code on both paths (counting,
        // instrumented, then tier 1 after its 100 ms delays); a fixed 2,000 reads was not, on the
        // first value size measured.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (quick ? 1 : 3);
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            await BareAsync();
            await StoreAsync();
        }

        var bare = new List<double>(rounds * perRound);
        var ours = new List<double>(rounds * perRound);
        for (var round = 0; round < rounds; round++)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                var storeFirst = round % 2 == 0;
                var isStore = pass == 0 ? storeFirst : !storeFirst;
                for (var i = 0; i < perRound; i++)
                {
                    (isStore ? ours : bare).Add(isStore ? await StoreAsync() : await BareAsync());
                }
            }
        }

        bare.Sort();
        ours.Sort();
        return new Result(size, bare.Count, Percentile(bare, 0.5), Percentile(ours, 0.5), bare.Average(), ours.Average(), Percentile(bare, 0.99), Percentile(ours, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
