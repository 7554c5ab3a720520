using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using HighPerf.Sample.Events;

namespace HighPerf.Benchmarks.BulkJson;

/// <summary>
/// Where the time of a bulk load goes, in process, on the same bytes the HTTP benchmark posts (held in memory): the
/// whole <see cref="EventBulkLoader"/> over a <see cref="PipeReader"/> on a <see cref="MemoryStream"/> (4 KiB segments,
/// as Kestrel's pipe hands a body over), then its parts apart: the JSON tokenizer alone, parsing and validating with
/// <see cref="EventJsonReader"/>, and the parsed rows gathered into <see cref="EventBatch"/>es handed to the appender,
/// then completing (close, commit). Each stage gets its wall time and the process's CPU time (which the other work on a shared machine
/// does not inflate; DuckDB's own threads count in it).
/// </summary>
internal static class BulkLoaderProfile
{
    public static IReadOnlyDictionary<string, Stage> Run(string file, int runs)
    {
        var body = File.ReadAllBytes(file);
        var stages = new Dictionary<string, Stage>(StringComparer.Ordinal);
        void Add(string name, double wall, double cpu)
        {
            if (!stages.TryGetValue(name, out var stage))
            {
                stages[name] = stage = new Stage(new List<double>(), new List<double>());
            }

            stage.WallMs.Add(wall);
            stage.CpuMs.Add(cpu);
        }

        for (var r = 0; r < runs; r++)
        {
            using (var store = new BulkJsonStore())
            {
                var clock = Clock.Start();
                var result = new EventBulkLoader(store.Events).LoadAsync(PipeReader.Create(new MemoryStream(body, writable: false), new StreamPipeReaderOptions(bufferSize: 4096)), CancellationToken.None).GetAwaiter().GetResult();
                clock.Stop(out var wall, out var cpu);
                Add("loader", wall, cpu);
                if (result.Error is { } error)
                {
                    throw new InvalidOperationException(error);
                }

                if (result.Inserted != EventBulkLoader.MaxRows && store.Count() != result.Inserted)
                {
                    throw new InvalidOperationException($"The loader reported {result.Inserted} rows but the table holds {store.Count()}.");
                }
            }

            var tokenize = Clock.Start();
            _ = Tokenize(body);
            tokenize.Stop(out var tokenizeWall, out var tokenizeCpu);
            Add("tokenize", tokenizeWall, tokenizeCpu);

            var parse = Clock.Start();
            var parsed = ParseAll(body);
            parse.Stop(out var parseWall, out var parseCpu);
            Add("parse", parseWall, parseCpu);

            using (var store = new BulkJsonStore())
            {
                AppendAll(store, parsed, Add);
            }

            Console.Error.WriteLine($"profile run {r + 1}: loader {stages["loader"].WallMs[^1]:F0} ms (cpu {stages["loader"].CpuMs[^1]:F0} ms), parse {parseWall:F0} ms (cpu {parseCpu:F0}), append {stages["append"].WallMs[^1]:F0} ms (cpu {stages["append"].CpuMs[^1]:F0}), complete {stages["complete"].WallMs[^1]:F0} ms (cpu {stages["complete"].CpuMs[^1]:F0})");
        }

        return stages;
    }

    /// <summary>The floor: Utf8JsonReader walking every token of the body and nothing else.</summary>
    private static long Tokenize(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>What the loader's parse loop does, without the appender: one reader over the whole body.</summary>
    private static EventFields[] ParseAll(byte[] body)
    {
        var input = new ReadOnlySequence<byte>(body);
        var reader = new Utf8JsonReader(input, isFinalBlock: true, default);
        var rows = new EventFields[EventBulkLoader.MaxRows];
        var count = 0;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (EventJsonReader.Read(ref reader, input, out rows[count], out var error) != ReadStatus.Done)
            {
                throw new InvalidOperationException($"Row {count}: {error}");
            }

            count++;
        }

        return rows[..count];
    }

    private static void AppendAll(BulkJsonStore store, EventFields[] rows, Action<string, double, double> add)
    {
        var scratch = new byte[EventSchema.MaxPropertiesBytes];
        using var writer = store.Events.EnterWriterAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var connection = store.Database.OpenConnection();
        using var appender = connection.CreateAppender(EventSchema.Table);
        var clock = Clock.Start();
        var id = writer.NextId;
        var now = EventAppend.Now();
        using (var batch = new EventBatch(appender))
        {
            for (var i = 0; i < rows.Length; i++)
            {
                batch.Add(id++, rows[i], now, scratch);
            }

            batch.Flush();
        }

        clock.Stop(out var wall, out var cpu);
        add("append", wall, cpu);
        clock = Clock.Start();
        appender.Complete();
        writer.Committed(id - 1);
        clock.Stop(out wall, out cpu);
        add("complete", wall, cpu);
    }

    /// <summary>A stage's wall and CPU times, one per run.</summary>
    internal sealed record Stage(List<double> WallMs, List<double> CpuMs);

    private readonly struct Clock(long started, TimeSpan cpu)
    {
        public static Clock Start() => new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

        public void Stop(out double wallMs, out double cpuMs)
        {
            wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        }
    }
}
