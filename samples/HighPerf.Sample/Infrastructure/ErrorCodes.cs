namespace HighPerf.Sample.Infrastructure;

/// <summary>The <c>error_code</c> values of the reference contract.</summary>
internal static class ErrorCodes
{
    internal const string InvalidData = "invalid_data";
    internal const string DataProcessing = "data_processing";
    internal const string RecordNotFound = "record_not_found";
}
