using System.Diagnostics.CodeAnalysis;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>Cold paths that turn DuckDB's error states into exceptions.</summary>
internal static class Errors
{
    /// <summary>
    /// The error a failed result holds. An interrupt caused by <paramref name="cancellationToken"/> becomes
    /// <see cref="OperationCanceledException"/>, as a cancelled .NET operation does.
    /// </summary>
    [DoesNotReturn]
    internal static void ThrowResult(SafeResultHandle result, CancellationToken cancellationToken)
    {
        var type = NativeMethods.ResultErrorType(result);
        var message = NativeMethods.ReadString(NativeMethods.ResultError(result));
        ThrowFor(type, message, "DuckDB reported an error without a message.", cancellationToken);
    }

    [DoesNotReturn]
    internal static void ThrowPrepare(SafePreparedStatementHandle statement)
    {
        var message = NativeMethods.ReadString(NativeMethods.PrepareError(statement));
        throw DuckDbException.FromNative(TypeOfMessage(message), message, "DuckDB could not prepare the statement.");
    }

    [DoesNotReturn]
    internal static void ThrowPending(SafePendingResultHandle pending, CancellationToken cancellationToken)
    {
        var message = NativeMethods.ReadString(NativeMethods.PendingError(pending));
        ThrowFor(TypeOfMessage(message), message, "DuckDB could not start the query.", cancellationToken);
    }

    /// <summary>Throws the error in <paramref name="errorData"/> (which this destroys), if it holds one.</summary>
    internal static void ThrowIfError(IntPtr errorData, string fallback)
    {
        if (errorData == IntPtr.Zero)
        {
            return;
        }

        NativeErrorType type;
        string? message;
        try
        {
            if (!NativeMethods.ErrorDataHasError(errorData))
            {
                return;
            }

            type = NativeMethods.ErrorDataErrorType(errorData);
            message = NativeMethods.ReadString(NativeMethods.ErrorDataMessage(errorData));
        }
        finally
        {
            NativeMethods.DestroyErrorData(ref errorData);
        }

        throw DuckDbException.FromNative(type, message, fallback);
    }

    [DoesNotReturn]
    internal static void ThrowAppender(SafeAppenderHandle appender, string fallback)
    {
        ThrowIfError(NativeMethods.AppenderErrorData(appender), fallback);
        throw new DuckDbException(DuckDbErrorKind.Unknown, fallback);
    }

    [DoesNotReturn]
    internal static void ThrowFor(NativeErrorType type, string? message, string fallback, CancellationToken cancellationToken)
    {
        if (type == NativeErrorType.Interrupt || (type == NativeErrorType.Invalid && IsInterruptMessage(message)))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        throw DuckDbException.FromNative(type, message, fallback);
    }

    [DoesNotReturn]
    internal static void ThrowOpen(string? message, string path) =>
        throw new DuckDbException(DuckDbErrorKind.Open, $"DuckDB could not open '{path}': {message ?? "no reason given"}");

    [DoesNotReturn]
    internal static void ThrowSetting(string name, string value) =>
        throw new DuckDbException(DuckDbErrorKind.Open, $"DuckDB rejected the setting {name} = '{value}'.");

    [DoesNotReturn]
    internal static void ThrowExportOutside(string path, IReadOnlyList<string> roots) =>
        throw new DuckDbException(
            DuckDbErrorKind.PermissionDenied,
            roots.Count == 0
                ? $"Cannot export to '{path}': no export folder is configured (DuckDbOptions.AllowedDirectories)."
                : $"Cannot export to '{path}': it is outside the allowed export folders ({string.Join(", ", roots)}).");

    [DoesNotReturn]
    internal static void ThrowConnectionBusy() =>
        throw new InvalidOperationException("The connection is already running a query or holds an open DuckDbResult; a connection serves one caller at a time.");

    [DoesNotReturn]
    internal static void ThrowDisposed(string what) => throw new ObjectDisposedException(what);

    /// <summary>
    /// Some C API paths (prepare, pending) report only a message. DuckDB prefixes each message with
    /// its error type's name, e.g. "Parser Error: ...", which is enough to recover the kind.
    /// </summary>
    internal static NativeErrorType TypeOfMessage(string? message)
    {
        if (message is null)
        {
            return NativeErrorType.Invalid;
        }

        foreach (var (prefix, type) in s_prefixes)
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return type;
            }
        }

        return NativeErrorType.Invalid;
    }

    private static bool IsInterruptMessage(string? message) =>
        message is not null && message.StartsWith("INTERRUPT Error:", StringComparison.Ordinal);

    // DuckDB's ExceptionTypeToString names (src/common/exception.cpp), each followed by " Error:".
    private static readonly (string Prefix, NativeErrorType Type)[] s_prefixes =
    [
        ("Invalid Error:", NativeErrorType.Invalid),
        ("Out of Range Error:", NativeErrorType.OutOfRange),
        ("Conversion Error:", NativeErrorType.Conversion),
        ("Unknown Type Error:", NativeErrorType.UnknownType),
        ("Decimal Error:", NativeErrorType.Decimal),
        ("Mismatch Type Error:", NativeErrorType.MismatchType),
        ("Divide by Zero Error:", NativeErrorType.DivideByZero),
        ("Object Size Error:", NativeErrorType.ObjectSize),
        ("Invalid type Error:", NativeErrorType.InvalidType),
        ("Serialization Error:", NativeErrorType.Serialization),
        ("TransactionContext Error:", NativeErrorType.Transaction),
        ("Not implemented Error:", NativeErrorType.NotImplemented),
        ("Expression Error:", NativeErrorType.Expression),
        ("Catalog Error:", NativeErrorType.Catalog),
        ("Parser Error:", NativeErrorType.Parser),
        ("Binder Error:", NativeErrorType.Binder),
        ("Planner Error:", NativeErrorType.Planner),
        ("Scheduler Error:", NativeErrorType.Scheduler),
        ("Executor Error:", NativeErrorType.Executor),
        ("Constraint Error:", NativeErrorType.Constraint),
        ("Index Error:", NativeErrorType.Index),
        ("Stat Error:", NativeErrorType.Stat),
        ("Connection Error:", NativeErrorType.Connection),
        ("Syntax Error:", NativeErrorType.Syntax),
        ("Settings Error:", NativeErrorType.Settings),
        ("Optimizer Error:", NativeErrorType.Optimizer),
        ("NullPointer Error:", NativeErrorType.NullPointer),
        ("IO Error:", NativeErrorType.IO),
        ("INTERRUPT Error:", NativeErrorType.Interrupt),
        ("FATAL Error:", NativeErrorType.Fatal),
        ("INTERNAL Error:", NativeErrorType.Internal),
        ("Invalid Input Error:", NativeErrorType.InvalidInput),
        ("Out of Memory Error:", NativeErrorType.OutOfMemory),
        ("Permission Error:", NativeErrorType.Permission),
        ("Parameter Not Resolved Error:", NativeErrorType.ParameterNotResolved),
        ("Parameter Not Allowed Error:", NativeErrorType.ParameterNotAllowed),
        ("Dependency Error:", NativeErrorType.Dependency),
        ("Missing Extension Error:", NativeErrorType.MissingExtension),
        ("HTTP Error:", NativeErrorType.Http),
        ("Extension Autoloading Error:", NativeErrorType.Autoload),
        ("Sequence Error:", NativeErrorType.Sequence),
        ("Invalid Configuration Error:", NativeErrorType.InvalidConfiguration),
    ];
}
