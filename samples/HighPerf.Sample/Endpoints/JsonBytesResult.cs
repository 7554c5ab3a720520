using System.Buffers;

namespace HighPerf.Sample.Endpoints;

/// <summary>JSON already written into a buffer (by a Utf8JsonWriter straight from DuckDB's vectors), sent as it is.</summary>
internal sealed class JsonBytesResult(ArrayBufferWriter<byte> json, int statusCode, string? location) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.WrittenCount;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await response.Body.WriteAsync(json.WrittenMemory, httpContext.RequestAborted);
    }
}
