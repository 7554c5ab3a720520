using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace HighPerf.Data.Arrow;

/// <summary>
/// The one exception type of HighPerf.Data's Arrow implementation: Arrow data (an IPC stream, a C Data
/// Interface structure) is malformed, truncated, or uses something not supported. <see cref="Kind"/> says which.
/// </summary>
public sealed class ArrowFormatException : DbException
{
    /// <summary>Creates an exception of the given kind.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A message for people.</param>
    public ArrowFormatException(ArrowErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates an exception of the given kind around its cause.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause.</param>
    public ArrowFormatException(ArrowErrorKind kind, string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates an exception of kind <see cref="ArrowErrorKind.InvalidData"/>.</summary>
    public ArrowFormatException()
        : this(ArrowErrorKind.InvalidData, "The Arrow data is invalid.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="ArrowErrorKind.InvalidData"/>.</summary>
    /// <param name="message">A message for people.</param>
    public ArrowFormatException(string message)
        : this(ArrowErrorKind.InvalidData, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="ArrowErrorKind.InvalidData"/> around its cause.</summary>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause.</param>
    public ArrowFormatException(string message, Exception innerException)
        : this(ArrowErrorKind.InvalidData, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public ArrowErrorKind Kind { get; }

    /// <summary>Always <see langword="false"/>: the same data fails the same way again.</summary>
    public override bool IsTransient => false;

    [DoesNotReturn]
    internal static void Throw(ArrowErrorKind kind, string message) => throw new ArrowFormatException(kind, message);

    [DoesNotReturn]
    internal static void ThrowInvalid(string message) => throw new ArrowFormatException(ArrowErrorKind.InvalidData, "Arrow: " + message);

    [DoesNotReturn]
    internal static T ThrowInvalid<T>(string message) => throw new ArrowFormatException(ArrowErrorKind.InvalidData, "Arrow: " + message);

    [DoesNotReturn]
    internal static void ThrowTruncated(string what) =>
        throw new ArrowFormatException(ArrowErrorKind.Truncated, $"Arrow: the stream ended in the middle of {what}.");

    [DoesNotReturn]
    internal static void ThrowUnsupportedType(string what) =>
        throw new ArrowFormatException(ArrowErrorKind.UnsupportedType, $"Arrow: the type {what} is not supported.");
}
