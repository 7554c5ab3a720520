using HighPerf.Data.DataSets;

namespace HighPerf.Sample.Api.Errors;

/// <summary>
/// Turns the data set errors of every <c>/api/v1</c> endpoint into problem details. Once a streamed body has begun
/// no status can be sent any more: the error is left to the server, which logs it and aborts the response.
/// </summary>
internal sealed partial class DataSetErrorFilter(ILogger<DataSetErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DataSetException ex) when (!context.HttpContext.Response.HasStarted)
        {
            if (ex is DataSetDatabaseException or DataSetProcessingException)
            {
                LogStoreFailure(logger, ex.ErrorCode, ex);
            }

            return DataSetProblems.From(ex);
        }
        catch (BadHttpRequestException ex) when (!context.HttpContext.Response.HasStarted)
        {
            // Kestrel's body limit (413) or a body that ends early or fails to decompress (400): the client's error.
            return TypedResults.Problem(DataSetProblems.Create(ex.StatusCode, DataSetErrorCodes.InvalidData, "Invalid request", ex.Message));
        }
        catch (Exception ex) when (Unexpected(ex))
        {
            // Never reached: Unexpected logs and declines, so the sample's exception handler answers 500 data_processing.
            throw;
        }
    }

    /// <summary>Logs what no rule above expects (ASP.NET Core 10 no longer logs exceptions its handlers answer).</summary>
    private bool Unexpected(Exception exception)
    {
        if (exception is not OperationCanceledException)
        {
            LogUnexpected(logger, exception);
        }

        return false;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "A data set request failed in the store ({ErrorCode})")]
    private static partial void LogStoreFailure(ILogger logger, string errorCode, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "A data set request failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
