using System.Buffers;

namespace HighPerf.Sample.Api.Http;

/// <summary>Small request bodies (definitions, export and benchmark options), read whole up to a limit.</summary>
internal static class RequestBodies
{
    /// <summary>The body's bytes, or <see langword="null"/> when it is longer than <paramref name="maxBytes"/> (then the rest is left unread).</summary>
    internal static async Task<byte[]?> ReadSmallAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.Buffer.Length > maxBytes)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                body.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Whether the body is empty or only whitespace: an optional options object left out.</summary>
    internal static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
