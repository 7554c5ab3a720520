using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace HighPerf.Data;

/// <summary>
/// A PostgreSQL Arrow read or bulk insert failed. For a bulk insert nothing was stored; <see cref="RowIndex"/>
/// names the 0-based row of the input that PostgreSQL (or the encoder) refused, when it is known. The server's
/// own error, when there is one, is the <see cref="Exception.InnerException"/> (a <see cref="PostgresException"/>).
/// </summary>
public sealed class PostgresArrowException : DbException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What kind of failure this is.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="sqlState">The server's SQLSTATE, when the server reported the error.</param>
    /// <param name="constraintName">The violated constraint, when there is one.</param>
    /// <param name="rowIndex">The 0-based index of the offending row of the input, when it is known.</param>
    /// <param name="columnName">The offending column, when it is known.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PostgresArrowException(
        PostgresArrowErrorKind kind,
        string message,
        string? sqlState = null,
        string? constraintName = null,
        long? rowIndex = null,
        string? columnName = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        PostgresSqlState = sqlState;
        ConstraintName = constraintName;
        RowIndex = rowIndex;
        ColumnName = columnName;
    }

    /// <summary>What kind of failure this is.</summary>
    public PostgresArrowErrorKind Kind { get; }

    /// <summary>The server's five-character SQLSTATE (e.g. <c>23505</c>), or <see langword="null"/> when the error is the client's.</summary>
    public override string? SqlState => PostgresSqlState;

    /// <summary>The violated constraint (or index), or <see langword="null"/>.</summary>
    public string? ConstraintName { get; }

    /// <summary>The 0-based index of the offending row in the rows given (or read), or <see langword="null"/> when it is unknown.</summary>
    public long? RowIndex { get; }

    /// <summary>The offending column, or <see langword="null"/>.</summary>
    public string? ColumnName { get; }

    /// <summary>Whether trying again may succeed (a serialization failure, deadlock or lost connection).</summary>
    public override bool IsTransient => InnerException is NpgsqlException { IsTransient: true };

    private string? PostgresSqlState { get; }

    /// <summary>The exception for a server error raised while a COPY ran: the kind from its SQLSTATE, the row from its context.</summary>
    internal static PostgresArrowException FromServer(PostgresException error, string operation)
    {
        var row = CopyLine(error.Where) is { } line ? line - 1 : (long?)null;
        var kind = error.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => PostgresArrowErrorKind.UniqueViolation,
            _ when error.SqlState.StartsWith("22", StringComparison.Ordinal) || error.SqlState.StartsWith("23", StringComparison.Ordinal) => PostgresArrowErrorKind.InvalidValue,
            _ => PostgresArrowErrorKind.Server,
        };
        var where = row is { } r ? string.Create(CultureInfo.InvariantCulture, $" at row {r}") : string.Empty;
        var constraint = error.ConstraintName is { } c ? $" (constraint '{c}')" : string.Empty;
        var column = error.ColumnName is { } col ? $" (column '{col}')" : string.Empty;
        return new PostgresArrowException(
            kind,
            $"{operation} failed{where}: {error.SqlState} {error.MessageText}{constraint}{column}. Nothing was stored.",
            error.SqlState,
            error.ConstraintName,
            row,
            error.ColumnName,
            error);
    }

    /// <summary>N of the "COPY table, line N" (or "line N, column c") context PostgreSQL adds to errors raised in a COPY.</summary>
    internal static long? CopyLine(string? where)
    {
        if (string.IsNullOrEmpty(where))
        {
            return null;
        }

        var at = where.IndexOf(", line ", StringComparison.Ordinal);
        if (at < 0 || !where.StartsWith("COPY ", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = where.AsSpan(at + 7);
        var length = 0;
        while (length < digits.Length && char.IsAsciiDigit(digits[length]))
        {
            length++;
        }

        return long.TryParse(digits[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;
    }
}
