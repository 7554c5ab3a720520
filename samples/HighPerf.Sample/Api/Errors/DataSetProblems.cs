using System.Globalization;
using HighPerf.Data.DataSets;
using Microsoft.AspNetCore.Mvc;

namespace HighPerf.Sample.Api.Errors;

/// <summary>
/// A <see cref="DataSetException"/> as the contract's problem details: its <c>error_code</c>, the status of the
/// Errors table, and for bulk failures the offending record's <c>row_index</c> and <c>column</c>. The library writes
/// its messages for API callers (no SQL, no values of other rows); the store's own error stays in the logs.
/// </summary>
internal static class DataSetProblems
{
    /// <summary>How long a client should wait before trying a transiently failing store again.</summary>
    internal const int RetryAfterSeconds = 5;

    internal static IResult From(DataSetException exception)
    {
        var (status, title) = exception switch
        {
            DataSetNotFoundException => (StatusCodes.Status404NotFound, "Schema not found"),
            DataSetRecordNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            DataSetInvalidDataException => (StatusCodes.Status400BadRequest, "Invalid data"),
            DataSetSchemaValidationException => (StatusCodes.Status400BadRequest, "Invalid schema"),
            DataSetDuplicateRecordException => (StatusCodes.Status409Conflict, "Duplicate record"),
            DataSetDatabaseException { IsTransient: true } => (StatusCodes.Status503ServiceUnavailable, "Store unavailable"),
            DataSetDatabaseException => (StatusCodes.Status500InternalServerError, "Store failure"),
            _ => (StatusCodes.Status500InternalServerError, "Processing failed"),
        };

        var detail = exception is DataSetProcessingException
            ? "The request could not be processed; see the server logs."
            : exception.Message;
        var problem = Create(status, exception.ErrorCode, title, detail);
        switch (exception)
        {
            case DataSetInvalidDataException { RowIndex: { } row } invalid:
                problem.Extensions["row_index"] = row;
                if (invalid.Column is { } column)
                {
                    problem.Extensions["column"] = column;
                }

                break;
            case DataSetInvalidDataException { Column: { } onlyColumn }:
                problem.Extensions["column"] = onlyColumn;
                break;
            case DataSetDuplicateRecordException { RowIndex: { } duplicate }:
                problem.Extensions["row_index"] = duplicate;
                break;
        }

        var result = TypedResults.Problem(problem);
        return status == StatusCodes.Status503ServiceUnavailable ? new RetryAfterResult(result, RetryAfterSeconds) : result;
    }

    internal static IResult Invalid(string detail) =>
        TypedResults.Problem(Create(StatusCodes.Status400BadRequest, DataSetErrorCodes.InvalidData, "Invalid data", detail));

    internal static ProblemDetails Create(int status, string errorCode, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://highperf.dev/errors/{errorCode}",
        Extensions = { ["error_code"] = errorCode },
    };

    /// <summary>A problem with <c>Retry-After</c>: the store is unreachable or busy, not refusing the request.</summary>
    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
