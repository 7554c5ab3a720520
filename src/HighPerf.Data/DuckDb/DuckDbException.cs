using System.Data.Common;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// The one exception type of HighPerf.Data's DuckDB client: DuckDB reported an error, with its own
/// message. <see cref="Kind"/> says what kind of error it is. A cancelled token raises
/// <see cref="OperationCanceledException"/> instead.
/// </summary>
public sealed class DuckDbException : DbException
{
    /// <summary>Creates an exception of the given kind.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">DuckDB's message, or one for people.</param>
    public DuckDbException(DuckDbErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates an exception of kind <see cref="DuckDbErrorKind.Unknown"/>.</summary>
    public DuckDbException()
        : this(DuckDbErrorKind.Unknown, "A DuckDB operation failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="DuckDbErrorKind.Unknown"/>.</summary>
    /// <param name="message">A message for people.</param>
    public DuckDbException(string message)
        : this(DuckDbErrorKind.Unknown, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="DuckDbErrorKind.Unknown"/> around another.</summary>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause.</param>
    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public DuckDbErrorKind Kind { get; }

    /// <summary>DuckDB's own error type (<c>duckdb_error_type</c>, e.g. 24 for a binder error), or 0 when unknown.</summary>
    public int NativeErrorType { get; private init; }

    /// <summary>Whether the same operation may succeed if tried again: transaction conflicts and running out of memory.</summary>
    public override bool IsTransient => Kind is DuckDbErrorKind.TransactionConflict or DuckDbErrorKind.OutOfMemory;

    internal static DuckDbException FromNative(NativeErrorType type, string? message, string fallback) =>
        new(KindOf(type), string.IsNullOrEmpty(message) ? fallback : message) { NativeErrorType = (int)type };

    internal static DuckDbErrorKind KindOf(NativeErrorType type) => type switch
    {
        Native.NativeErrorType.Parser or Native.NativeErrorType.Syntax => DuckDbErrorKind.Syntax,
        Native.NativeErrorType.Binder or Native.NativeErrorType.Catalog or Native.NativeErrorType.MismatchType
            or Native.NativeErrorType.UnknownType or Native.NativeErrorType.InvalidType or Native.NativeErrorType.Planner
            or Native.NativeErrorType.Dependency or Native.NativeErrorType.Expression => DuckDbErrorKind.Binding,
        Native.NativeErrorType.ParameterNotResolved or Native.NativeErrorType.ParameterNotAllowed => DuckDbErrorKind.Parameter,
        Native.NativeErrorType.Conversion or Native.NativeErrorType.OutOfRange or Native.NativeErrorType.Decimal
            or Native.NativeErrorType.DivideByZero => DuckDbErrorKind.Conversion,
        Native.NativeErrorType.Constraint or Native.NativeErrorType.Index => DuckDbErrorKind.Constraint,
        Native.NativeErrorType.Transaction => DuckDbErrorKind.TransactionConflict,
        Native.NativeErrorType.Permission or Native.NativeErrorType.Settings or Native.NativeErrorType.MissingExtension
            or Native.NativeErrorType.Autoload => DuckDbErrorKind.PermissionDenied,
        Native.NativeErrorType.IO or Native.NativeErrorType.Network or Native.NativeErrorType.Http => DuckDbErrorKind.IO,
        Native.NativeErrorType.OutOfMemory => DuckDbErrorKind.OutOfMemory,
        Native.NativeErrorType.Interrupt => DuckDbErrorKind.Interrupted,
        Native.NativeErrorType.InvalidInput or Native.NativeErrorType.NotImplemented or Native.NativeErrorType.ObjectSize
            or Native.NativeErrorType.Sequence => DuckDbErrorKind.InvalidInput,
        Native.NativeErrorType.InvalidConfiguration or Native.NativeErrorType.Connection => DuckDbErrorKind.Open,
        Native.NativeErrorType.Internal or Native.NativeErrorType.Fatal or Native.NativeErrorType.NullPointer
            or Native.NativeErrorType.Serialization => DuckDbErrorKind.Internal,
        _ => DuckDbErrorKind.Unknown,
    };
}
