using System.Text;
using System.Text.Json;

namespace HighPerf.Sample.Tests;

/// <summary>Requests through the real curl client beyond a plain GET.</summary>
internal static class Requests
{
    internal static Task<CurlResponse> PostJsonAsync(Uri url, string json) =>
        Curl.GetAsync(url, "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", json);

    /// <summary>Posts a body from a file (large bodies do not fit a command line).</summary>
    internal static async Task<CurlResponse> PostFileAsync(Uri url, byte[] body, params string[] headers)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, body);
            // No "Expect: 100-continue": the headers file would start with the interim response.
            var options = new List<string> { "-X", "POST", "-H", "Content-Type: application/json", "-H", "Expect:", "--data-binary", "@" + path };
            foreach (var header in headers)
            {
                options.Add("-H");
                options.Add(header);
            }

            return await Curl.GetAsync(url, [.. options]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static Task<CurlResponse> DeleteAsync(Uri url) => Curl.GetAsync(url, "-X", "DELETE");

    internal static JsonElement Json(this CurlResponse response)
    {
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }

    internal static string Text(this CurlResponse response) => Encoding.UTF8.GetString(response.Body);

    internal static void AssertProblem(CurlResponse response, int status, string errorCode)
    {
        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(errorCode, response.Json().GetProperty("error_code").GetString());
    }

    /// <summary>The events the store holds, as /health's events_store check reports them.</summary>
    internal static async Task<long> StoredEventsAsync(Uri baseAddress)
    {
        var health = await Curl.GetAsync(new Uri(baseAddress, "/health"));
        var description = health.Json().GetProperty("checks").GetProperty("events_store").GetProperty("description").GetString()!;
        var words = description.Split(' ');
        return long.Parse(words[^2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
