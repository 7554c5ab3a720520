using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Data.DataSets;
using HighPerf.Sample.Api.Errors;
using HighPerf.Sample.Api.Http;
using HighPerf.Sample.Api.Json;
using HighPerf.Sample.Endpoints;
using Microsoft.Extensions.Options;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary><c>POST /api/v1/schemas</c> creates a data set; <c>GET /api/v1/schemas/{schema_name}</c> describes it.</summary>
internal static class SchemaEndpoints
{
    internal static void MapSchemaEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/schemas", CreateAsync);
        api.MapGet("/schemas/{schema_name}", DescribeAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, DataSetRegistry registry, DuckDbDatabase database, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = options.Value.MaxSmallBodyBytes;
        var body = await RequestBodies.ReadSmallAsync(context.Request, limit, cancellationToken);
        if (body is null)
        {
            return DataSetProblems.Invalid($"A schema definition is at most {limit} bytes.");
        }

        var definition = DataSetDefinitionJson.Parse(body);
        definition.Validate();
        if (await IsOtherTableAsync(registry, database, definition.Name, cancellationToken))
        {
            // The sample's own tables (events, the catalog) share the database file; a data set cannot take their names.
            throw new DataSetDuplicateRecordException($"The name '{definition.Name}' is taken by a table of the sample.");
        }

        await registry.CreateAsync(definition, cancellationToken);
        return Respond(definition, 0, started, "duckdb_create_table", StatusCodes.Status201Created, $"/api/v1/schemas/{definition.Name}");
    }

    private static async Task<IResult> DescribeAsync(string schema_name, DataSetRegistry registry, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var description = await registry.DescribeAsync(schema_name, cancellationToken);
        return Respond(description.Definition, description.RowCount, started, "duckdb_catalog_count", StatusCodes.Status200OK, null);
    }

    private static JsonBytesResult Respond(DataSetDefinition definition, long rowCount, long started, string method, int status, string? location)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            SchemaJsonWriter.WriteFields(json, definition, rowCount);
            PerformanceMetrics.Measure(method, rowCount, Stopwatch.GetElapsedTime(started)).Write(json);
            json.WriteEndObject();
        }

        return new JsonBytesResult(output, status, location);
    }

    private static async Task<bool> IsOtherTableAsync(DataSetRegistry registry, DuckDbDatabase database, string name, CancellationToken cancellationToken)
    {
        var names = await registry.ListAsync(cancellationToken);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                // The registry answers for its own data sets (409 too).
                return false;
            }
        }

        if (name.StartsWith("highperf_", StringComparison.Ordinal))
        {
            // The library's own catalog and staging tables.
            return true;
        }

        try
        {
            using var connection = await database.OpenConnectionAsync(cancellationToken);
            using var statement = connection.Prepare("SELECT count(*) FROM duckdb_tables() WHERE table_name = $1");
            statement.Bind(1, name);
            return statement.ExecuteScalar<long>(cancellationToken) > 0;
        }
        catch (DuckDbException ex)
        {
            throw new DataSetDatabaseException("The store could not check the name.", ex, ex.IsTransient);
        }
    }
}
