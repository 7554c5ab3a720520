using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary><c>duckdb_state</c>.</summary>
internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}

/// <summary><c>duckdb_pending_state</c>.</summary>
internal enum PendingState
{
    ResultReady = 0,
    ResultNotReady = 1,
    Error = 2,
    NoTasksAvailable = 3,
}

/// <summary><c>duckdb_result_type</c>.</summary>
internal enum ResultType
{
    Invalid = 0,
    ChangedRows = 1,
    Nothing = 2,
    QueryResult = 3,
}

/// <summary><c>duckdb_error_type</c> (values are part of the C ABI: only ever appended to).</summary>
internal enum NativeErrorType
{
    Invalid = 0,
    OutOfRange = 1,
    Conversion = 2,
    UnknownType = 3,
    Decimal = 4,
    MismatchType = 5,
    DivideByZero = 6,
    ObjectSize = 7,
    InvalidType = 8,
    Serialization = 9,
    Transaction = 10,
    NotImplemented = 11,
    Expression = 12,
    Catalog = 13,
    Parser = 14,
    Planner = 15,
    Scheduler = 16,
    Executor = 17,
    Constraint = 18,
    Index = 19,
    Stat = 20,
    Connection = 21,
    Syntax = 22,
    Settings = 23,
    Binder = 24,
    Network = 25,
    Optimizer = 26,
    NullPointer = 27,
    IO = 28,
    Interrupt = 29,
    Fatal = 30,
    Internal = 31,
    InvalidInput = 32,
    OutOfMemory = 33,
    Permission = 34,
    ParameterNotResolved = 35,
    ParameterNotAllowed = 36,
    Dependency = 37,
    Http = 38,
    MissingExtension = 39,
    Autoload = 40,
    Sequence = 41,
    InvalidConfiguration = 42,
}

/// <summary>
/// <c>duckdb_result</c>: 48 bytes whose deprecated fields are never read; only <c>internal_data</c>
/// matters. It lives in native memory owned by <see cref="SafeResultHandle"/> so that DuckDB can keep
/// pointers into it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResultStruct
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}

/// <summary>
/// <c>duckdb_string_t</c>, 16 bytes: a length, then either the string inline (up to 12 bytes) or a
/// 4-byte prefix and a pointer to the bytes, which the vector's string heap owns.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct DuckDbStringT
{
    internal const int InlineLength = 12;

    [FieldOffset(0)]
    public uint Length;

    [FieldOffset(4)]
    public fixed byte Inlined[InlineLength];

    [FieldOffset(8)]
    public byte* Pointer;

    /// <summary>The bytes of the string at <paramref name="entry"/>; valid while its vector is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<byte> Read(DuckDbStringT* entry)
    {
        var length = (int)entry->Length;
        return length <= InlineLength
            ? new ReadOnlySpan<byte>((byte*)entry + 4, length)
            : new ReadOnlySpan<byte>(entry->Pointer, length);
    }
}

/// <summary><c>duckdb_hugeint</c>: <c>upper * 2^64 + lower</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbHugeInt
{
    public ulong Lower;
    public long Upper;

    internal DuckDbHugeInt(Int128 value)
    {
        Lower = (ulong)value;
        Upper = (long)(value >> 64);
    }

    internal readonly Int128 ToInt128() => new((ulong)Upper, Lower);
}

/// <summary><c>duckdb_uhugeint</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbUHugeInt
{
    public ulong Lower;
    public ulong Upper;

    internal DuckDbUHugeInt(UInt128 value)
    {
        Lower = (ulong)value;
        Upper = (ulong)(value >> 64);
    }

    internal readonly UInt128 ToUInt128() => new(Upper, Lower);
}

/// <summary><c>duckdb_decimal</c>: width and scale, then the unscaled value (24 bytes, passed in memory).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbDecimal
{
    public byte Width;
    public byte Scale;
    public DuckDbHugeInt Value;
}

/// <summary><c>duckdb_interval</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbInterval
{
    public int Months;
    public int Days;
    public long Micros;
}
