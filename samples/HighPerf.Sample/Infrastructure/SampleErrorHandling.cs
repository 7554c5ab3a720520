using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HighPerf.Sample.Infrastructure;

/// <summary>
/// Every error is RFC 9457 problem details with an <c>error_code</c>; nothing from an exception
/// (messages of inner failures, stack traces) reaches the response.
/// </summary>
internal static class SampleErrorHandling
{
    internal static IServiceCollection AddSampleErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = static ctx =>
        {
            // Problems the framework writes itself (parameter binding, status pages) get the contract's fields too.
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd("error_code", DefaultCode(status));
            problem.Detail ??= status switch
            {
                StatusCodes.Status404NotFound => "Nothing exists at this address.",
                >= 400 and < 500 => "The request is malformed: a parameter or the body could not be read.",
                _ => "The request could not be processed; see the server logs.",
            };
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    internal static IResult Problem(int status, string errorCode, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://highperf.dev/errors/{errorCode}",
            Extensions = { ["error_code"] = errorCode },
        });

    private static string DefaultCode(int status) => status switch
    {
        StatusCodes.Status404NotFound => ErrorCodes.RecordNotFound,
        >= 400 and < 500 => ErrorCodes.InvalidData,
        _ => ErrorCodes.DataProcessing,
    };

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            // A bad request body (corrupt zstd, over the size limit, malformed JSON) is the client's error.
            var (status, code, title, detail) = exception is BadHttpRequestException bad
                ? (bad.StatusCode, ErrorCodes.InvalidData, "Invalid request", bad.Message)
                : (StatusCodes.Status500InternalServerError, ErrorCodes.DataProcessing, "Processing failed", "The request could not be processed; see the server logs.");

            context.Response.StatusCode = status;
            return problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = status,
                    Title = title,
                    Detail = detail,
                    Type = $"https://highperf.dev/errors/{code}",
                    Extensions = { ["error_code"] = code },
                },
            });
        }
    }
}
