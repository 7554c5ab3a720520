using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace HighPerf.Sample.Events;

/// <summary>Start-up seeding, bound from <c>HighPerf:Seed</c>.</summary>
internal sealed class SeedOptions
{
    internal const string SectionName = "HighPerf:Seed";

    /// <summary>Demo events generated at first start on an empty store; 0 for none. Default 100,000.</summary>
    public long Events { get; set; } = 100_000;

    /// <summary>The users they are spread over; 0 (the default) for one per 20 events, at least 100.</summary>
    public long Users { get; set; }
}

/// <summary>
/// Fills the store with the deterministic demo data set (<see cref="EventGenerator"/>) through DuckDB's
/// appender: at start-up in the background when the store is empty, or on request, replacing what is there.
/// </summary>
internal sealed class EventSeeder(EventStore store, IOptions<SeedOptions> options, ILogger<EventSeeder> logger) : BackgroundService
{
    internal const long MaxEvents = 10_000_000;

    private volatile bool _ready;
    private long _target;

    /// <summary>Whether start-up seeding is over (or was not needed).</summary>
    internal bool IsReady => _ready;

    /// <summary>The events start-up seeding is generating.</summary>
    internal long Target => Interlocked.Read(ref _target);

    /// <summary>Replaces every event with a generated data set of <paramref name="events"/> events over <paramref name="users"/> users.</summary>
    internal async Task<BulkResult> SeedAsync(long users, long events, CancellationToken cancellationToken)
    {
        using var writer = await store.EnterWriterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        using var connection = await store.Database.OpenConnectionAsync(cancellationToken);
        connection.Execute("DELETE FROM events", cancellationToken);
        writer.Reset();

        Span<byte> scratch = stackalloc byte[64];
        using (var appender = connection.CreateAppender(EventSchema.Table))
        {
            for (long id = 1; id <= events; id++)
            {
                EventAppend.Append(appender, EventGenerator.Generate(id, events, users), scratch);
                if ((id & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            appender.Complete();
        }

        writer.Committed(events);
        return new BulkResult(events, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host listens at once, /health says when the data is there.
        await Task.Yield();
        try
        {
            store.EnsureCreated();
            var events = options.Value.Events;
            if (events > 0 && store.Count(stoppingToken) == 0)
            {
                Interlocked.Exchange(ref _target, events);
                var users = options.Value.Users > 0 ? options.Value.Users : EventGenerator.DefaultUsers(events);
                var result = await SeedAsync(users, Math.Min(events, MaxEvents), stoppingToken);
                Log.Seeded(logger, result.Inserted, result.DurationMs);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is HighPerf.Data.DuckDbException or IOException)
        {
            Log.SeedFailed(logger, ex);
            return;
        }

        _ready = true;
    }
}

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Seeded {Rows} demo events in {DurationMs:F0} ms")]
    internal static partial void Seeded(ILogger logger, long rows, double durationMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Seeding the demo events failed")]
    internal static partial void SeedFailed(ILogger logger, Exception exception);
}
