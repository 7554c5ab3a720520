namespace HighPerf.Sample.Tests.Api;

/// <summary>Posts of arbitrary bodies through curl, with exactly one Content-Type.</summary>
internal static class ApiRequests
{
    internal static async Task<CurlResponse> PostBytesAsync(Uri url, byte[] body, string contentType)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, body);
            return await Curl.GetAsync(url, "-X", "POST", "-H", "Content-Type: " + contentType, "-H", "Expect:", "--data-binary", "@" + path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static Task<CurlResponse> PostEmptyAsync(Uri url) => Curl.GetAsync(url, "-X", "POST");
}
