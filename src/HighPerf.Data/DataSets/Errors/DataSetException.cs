using System.Data.Common;

namespace HighPerf.Data.DataSets;

/// <summary>
/// A data set operation failed; <see cref="ErrorCode"/> is one of <see cref="DataSetErrorCodes"/>. Messages are
/// written for the caller of the API and never contain SQL text, connection strings or values of other rows;
/// the store's own error, when there is one, is the <see cref="Exception.InnerException"/> (for logs only).
/// </summary>
public abstract class DataSetException : DbException
{
    private protected DataSetException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The contract's error code, e.g. <c>invalid_data</c> (hides the Win32-style integer code of <see cref="System.Runtime.InteropServices.ExternalException"/>, unused here).</summary>
    public new abstract string ErrorCode { get; }
}

/// <summary>The data set does not exist (<c>schema_not_found</c>).</summary>
public sealed class DataSetNotFoundException : DataSetException
{
    /// <summary>Creates the exception for the data set <paramref name="name"/>.</summary>
    /// <param name="name">The name asked for (already validated, or replaced by a placeholder when it was not).</param>
    public DataSetNotFoundException(string name)
        : base($"No data set is named '{name}'.")
    {
        Name = name;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.SchemaNotFound;
}

/// <summary>The record does not exist (<c>record_not_found</c>).</summary>
public sealed class DataSetRecordNotFoundException : DataSetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found.</param>
    public DataSetRecordNotFoundException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.RecordNotFound;
}

/// <summary>
/// A body, value or filter is malformed or does not fit the data set's columns (<c>invalid_data</c>); for a
/// bulk insert, nothing was stored and <see cref="RowIndex"/> and <see cref="Column"/> say where.
/// </summary>
public sealed class DataSetInvalidDataException : DataSetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="rowIndex">The 0-based index of the offending record in the batch, when there is one.</param>
    /// <param name="column">The offending column, when there is one.</param>
    /// <param name="innerException">The underlying failure, for logs.</param>
    public DataSetInvalidDataException(string message, long? rowIndex = null, string? column = null, Exception? innerException = null)
        : base(message, innerException)
    {
        RowIndex = rowIndex;
        Column = column;
    }

    /// <summary>The 0-based index of the offending record in the batch, or <see langword="null"/>.</summary>
    public long? RowIndex { get; }

    /// <summary>The offending column, or <see langword="null"/>.</summary>
    public string? Column { get; }

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.InvalidData;
}

/// <summary>A data set definition cannot be created: bad names, unknown types, reserved words (<c>schema_validation</c>).</summary>
public sealed class DataSetSchemaValidationException : DataSetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the definition.</param>
    public DataSetSchemaValidationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.SchemaValidation;
}

/// <summary>A primary key or unique constraint was violated; nothing of the batch was stored (<c>duplicate_record</c>).</summary>
public sealed class DataSetDuplicateRecordException : DataSetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which key was violated.</param>
    /// <param name="rowIndex">The 0-based index of the first duplicate record in the batch, when it is known.</param>
    /// <param name="innerException">The store's error, for logs.</param>
    public DataSetDuplicateRecordException(string message, long? rowIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        RowIndex = rowIndex;
    }

    /// <summary>The 0-based index of the first duplicate record in the batch, or <see langword="null"/>.</summary>
    public long? RowIndex { get; }

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.DuplicateRecord;
}

/// <summary>An internal processing failure (<c>data_processing</c>).</summary>
public sealed class DataSetProcessingException : DataSetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying failure, for logs.</param>
    public DataSetProcessingException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.DataProcessing;
}

/// <summary>The store failed (<c>database</c>); <see cref="DbException.IsTransient"/> when trying again may succeed.</summary>
public sealed class DataSetDatabaseException : DataSetException
{
    private readonly bool _transient;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without SQL text or connection details.</param>
    /// <param name="innerException">The store's error, for logs.</param>
    /// <param name="isTransient">Whether the store is unreachable or busy rather than refusing the operation.</param>
    public DataSetDatabaseException(string message, Exception? innerException = null, bool isTransient = false)
        : base(message, innerException)
    {
        _transient = isTransient;
    }

    /// <inheritdoc/>
    public override bool IsTransient => _transient;

    /// <inheritdoc/>
    public override string ErrorCode => DataSetErrorCodes.Database;
}
