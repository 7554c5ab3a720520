using HighPerf.Compression;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HighPerf.Sample.Infrastructure;

/// <summary>Healthy when libzstd loads and round-trips a payload: every compressed response depends on it.</summary>
internal sealed class ZstdHealthCheck : IHealthCheck
{
    private static readonly byte[] s_probe = "{\"health\":\"check\",\"health\":\"check\"}"u8.ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var back = Zstd.Decompress(Zstd.Compress(s_probe));
            return Task.FromResult(back.AsSpan().SequenceEqual(s_probe)
                ? HealthCheckResult.Healthy($"libzstd {Zstd.LibraryVersion}")
                : HealthCheckResult.Unhealthy("libzstd round trip returned different bytes"));
        }
        catch (Exception ex) when (ex is DllNotFoundException or ZstdException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("libzstd is not usable", ex));
        }
    }
}
