namespace HighPerf.Data.DataSets;

/// <summary>The <c>error_code</c> values of the HTTP contract that data set operations fail with.</summary>
public static class DataSetErrorCodes
{
    /// <summary>The data set does not exist (HTTP 404).</summary>
    public const string SchemaNotFound = "schema_not_found";

    /// <summary>The record does not exist (HTTP 404).</summary>
    public const string RecordNotFound = "record_not_found";

    /// <summary>The body, a value or a filter is malformed or of the wrong type (HTTP 400).</summary>
    public const string InvalidData = "invalid_data";

    /// <summary>The definition of a data set cannot be created (HTTP 400).</summary>
    public const string SchemaValidation = "schema_validation";

    /// <summary>A primary key or unique constraint was violated; nothing of the batch was stored (HTTP 409).</summary>
    public const string DuplicateRecord = "duplicate_record";

    /// <summary>An internal processing failure (HTTP 500).</summary>
    public const string DataProcessing = "data_processing";

    /// <summary>The store failed (HTTP 500, or 503 when it is unreachable).</summary>
    public const string Database = "database";
}
