using System.Reflection;
using System.Text.Json;
using HighPerf.Caching;
using HighPerf.Compression;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HighPerf.Sample.Endpoints;

/// <summary><c>GET /</c> and <c>GET /health</c>.</summary>
internal static class RootEndpoints
{
    internal static void MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", static (IServiceProvider services) => TypedResults.Ok(RootInfo.Create(services)));
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
    }

    private static async Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("status"u8, StatusName(report.Status));
        writer.WriteNumber("duration_ms"u8, report.TotalDuration.TotalMilliseconds);
        writer.WriteStartObject("checks"u8);
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status"u8, StatusName(entry.Status));
            writer.WriteString("description"u8, entry.Description);
            writer.WriteNumber("duration_ms"u8, entry.Duration.TotalMilliseconds);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}

/// <summary>The body of <c>GET /</c>: which backends are live.</summary>
internal sealed record RootInfo(string Name, string Version, RootBackends Backends, string[] Compression)
{
    internal static RootInfo Create(IServiceProvider services) => new(
        "HighPerf.Sample",
        typeof(RootInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        new RootBackends(
            Store: services.GetService<HighPerf.Data.DuckDbDatabase>() is not null ? "duckdb" : "none",
            CacheL1: services.GetService<ICacheStore>() is not null,
            CacheL2: services.GetService<IBufferDistributedCache>() is not null,
            Search: "none",
            Tracing: false),
        [$"zstd (libzstd {Zstd.LibraryVersion})", "br", "gzip"]);
}

/// <summary>What each backend is; "none" until the package that provides it is configured.</summary>
internal sealed record RootBackends(string Store, bool CacheL1, bool CacheL2, string Search, bool Tracing);
