using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary>Binding parameters (1-based indexes). Values are copied into the statement.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_boolean")]
    internal static partial DuckDbState BindBoolean(SafePreparedStatementHandle statement, ulong index, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_int8")]
    internal static partial DuckDbState BindInt8(SafePreparedStatementHandle statement, ulong index, sbyte value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_int16")]
    internal static partial DuckDbState BindInt16(SafePreparedStatementHandle statement, ulong index, short value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_int32")]
    internal static partial DuckDbState BindInt32(SafePreparedStatementHandle statement, ulong index, int value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_int64")]
    internal static partial DuckDbState BindInt64(SafePreparedStatementHandle statement, ulong index, long value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_hugeint")]
    internal static partial DuckDbState BindHugeInt(SafePreparedStatementHandle statement, ulong index, DuckDbHugeInt value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_uhugeint")]
    internal static partial DuckDbState BindUHugeInt(SafePreparedStatementHandle statement, ulong index, DuckDbUHugeInt value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_decimal")]
    internal static partial DuckDbState BindDecimal(SafePreparedStatementHandle statement, ulong index, DuckDbDecimal value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_uint8")]
    internal static partial DuckDbState BindUInt8(SafePreparedStatementHandle statement, ulong index, byte value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_uint16")]
    internal static partial DuckDbState BindUInt16(SafePreparedStatementHandle statement, ulong index, ushort value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_uint32")]
    internal static partial DuckDbState BindUInt32(SafePreparedStatementHandle statement, ulong index, uint value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_uint64")]
    internal static partial DuckDbState BindUInt64(SafePreparedStatementHandle statement, ulong index, ulong value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_float")]
    internal static partial DuckDbState BindFloat(SafePreparedStatementHandle statement, ulong index, float value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_double")]
    internal static partial DuckDbState BindDouble(SafePreparedStatementHandle statement, ulong index, double value);

    // duckdb_date, duckdb_time and duckdb_timestamp are structs of one integer, which the SysV and
    // Windows x64 ABIs pass exactly like that integer.
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_date")]
    internal static partial DuckDbState BindDate(SafePreparedStatementHandle statement, ulong index, int days);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_time")]
    internal static partial DuckDbState BindTime(SafePreparedStatementHandle statement, ulong index, long micros);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_timestamp")]
    internal static partial DuckDbState BindTimestamp(SafePreparedStatementHandle statement, ulong index, long micros);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_timestamp_tz")]
    internal static partial DuckDbState BindTimestampTz(SafePreparedStatementHandle statement, ulong index, long micros);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_interval")]
    internal static partial DuckDbState BindInterval(SafePreparedStatementHandle statement, ulong index, DuckDbInterval value);

    /// <summary>Validates UTF-8 and copies the bytes.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_varchar_length")]
    internal static unsafe partial DuckDbState BindVarcharLength(SafePreparedStatementHandle statement, ulong index, byte* value, ulong length);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_blob")]
    internal static unsafe partial DuckDbState BindBlob(SafePreparedStatementHandle statement, ulong index, byte* data, ulong length);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_null")]
    internal static partial DuckDbState BindNull(SafePreparedStatementHandle statement, ulong index);

    /// <summary>Copies the value; the caller still destroys it.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_value")]
    internal static partial DuckDbState BindValue(SafePreparedStatementHandle statement, ulong index, IntPtr value);

    /// <summary>Caller owns the value; destroy with <c>duckdb_destroy_value</c>.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_create_uuid")]
    internal static partial IntPtr CreateUuid(DuckDbUHugeInt value);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_value")]
    internal static partial void DestroyValue(ref IntPtr value);
}
