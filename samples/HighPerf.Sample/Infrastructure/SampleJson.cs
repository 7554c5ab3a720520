using System.Text.Json;
using System.Text.Json.Serialization;

namespace HighPerf.Sample.Infrastructure;

/// <summary>The contract's JSON: snake_case names, source-generated serialization.</summary>
internal static class SampleJson
{
    internal static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HighPerf.Sample.Endpoints.RootInfo))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
