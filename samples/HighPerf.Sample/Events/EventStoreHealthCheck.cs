using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HighPerf.Sample.Events;

/// <summary>Healthy once the events store answers and start-up seeding is done; unhealthy (503) until then.</summary>
internal sealed class EventStoreHealthCheck(EventStore store, EventSeeder seeder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!seeder.IsReady)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"seeding {seeder.Target} demo events"));
        }

        try
        {
            var count = store.Count(cancellationToken);
            return Task.FromResult(HealthCheckResult.Healthy($"duckdb {HighPerf.Data.DuckDbDatabase.LibraryVersion}, {count} events"));
        }
        catch (HighPerf.Data.DuckDbException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the DuckDB store does not answer", ex));
        }
    }
}
