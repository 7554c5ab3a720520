using System.Buffers;
using BenchmarkDotNet.Attributes;
using HighPerf.Caching.Redis;
using HighPerf.Testing;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// GET and SET through our multiplexed client against a private redis-server on loopback, with 1,
/// 16 and 64 concurrent callers sharing the connection. One invocation is 6,400 commands, so the
/// Mean column is per command and Allocated is per command (the GET's returned array included;
/// the buffer-writer GET returns none).
/// </summary>
public class RedisClientBenchmarks
{
    private const int CommandsPerInvoke = 6400;

    private RedisServer _server = null!;
    private RedisClient _client = null!;
    private byte[] _value = [];
    private ArrayBufferWriter<byte>[] _writers = [];

    [Params(100, 4096)]
    public int ValueBytes { get; set; }

    [Params(1, 16, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = RedisServer.StartAsync().GetAwaiter().GetResult();
        _client = RedisClient.ConnectAsync(_server.ConnectionString).GetAwaiter().GetResult();
        _value = new byte[ValueBytes];
        new Random(ValueBytes).NextBytes(_value);
        _client.SetAsync("bench:key", _value).AsTask().GetAwaiter().GetResult();
        _writers = [.. Enumerable.Range(0, Callers).Select(_ => new ArrayBufferWriter<byte>(ValueBytes))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = CommandsPerInvoke)]
    public Task Get() => RunAsync(static async (client, _, count) =>
    {
        for (var i = 0; i < count; i++)
        {
            await client.GetAsync("bench:key");
        }
    });

    [Benchmark(OperationsPerInvoke = CommandsPerInvoke)]
    public Task GetIntoBufferWriter() => RunAsync(async (client, caller, count) =>
    {
        var writer = _writers[caller];
        for (var i = 0; i < count; i++)
        {
            writer.ResetWrittenCount();
            await client.GetAsync("bench:key", writer);
        }
    });

    [Benchmark(OperationsPerInvoke = CommandsPerInvoke)]
    public Task Set() => RunAsync(async (client, _, count) =>
    {
        for (var i = 0; i < count; i++)
        {
            await client.SetAsync("bench:key", _value);
        }
    });

    private Task RunAsync(Func<RedisClient, int, int, Task> caller)
    {
        var perCaller = CommandsPerInvoke / Callers;
        if (Callers == 1)
        {
            return caller(_client, 0, perCaller);
        }

        var tasks = new Task[Callers];
        for (var i = 0; i < tasks.Length; i++)
        {
            var index = i;
            tasks[i] = Task.Run(() => caller(_client, index, perCaller));
        }

        return Task.WhenAll(tasks);
    }
}
