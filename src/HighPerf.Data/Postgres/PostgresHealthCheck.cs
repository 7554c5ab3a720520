using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HighPerf.Data.Postgres;

/// <summary>Healthy when a connection from the data source answers <c>SELECT 1</c>.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var command = dataSource.CreateCommand("SELECT 1");
            await using (command.ConfigureAwait(false))
            {
                var answer = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return answer is 1 ? HealthCheckResult.Healthy("PostgreSQL answers") : HealthCheckResult.Unhealthy("PostgreSQL gave an unexpected answer to SELECT 1");
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            // Never the connection string: it may hold a password.
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL does not answer", e);
        }
    }
}
