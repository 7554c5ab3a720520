using System.Buffers;
using System.Diagnostics;

namespace HighPerf.Sample.Infrastructure;

/// <summary>
/// Every response carries <c>X-Request-ID</c>: the client's, when it is well formed (1 to 128 of
/// <c>[A-Za-z0-9._-]</c>), otherwise a new one, so a client can never inject header content.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    internal const string HeaderName = "X-Request-ID";

    private static readonly SearchValues<char> s_allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public Task InvokeAsync(HttpContext context)
    {
        string? requestId = context.Request.Headers[HeaderName];
        if (!IsWellFormed(requestId))
        {
            requestId = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        }

        context.TraceIdentifier = requestId!;
        context.Response.Headers[HeaderName] = requestId;
        return next(context);
    }

    internal static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= 128 } && !value.AsSpan().ContainsAnyExcept(s_allowed);
}
