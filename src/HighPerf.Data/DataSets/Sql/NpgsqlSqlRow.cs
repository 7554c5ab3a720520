using Npgsql;

namespace HighPerf.Data.DataSets.Sql;

/// <summary>The current row of an Npgsql reader seen as an <see cref="ISqlRow"/>; integers and floats widen as the store returns them.</summary>
internal readonly ref struct NpgsqlSqlRow(NpgsqlDataReader reader) : ISqlRow
{
    private readonly NpgsqlDataReader _reader = reader;

    public int ColumnCount => _reader.FieldCount;

    public bool IsNull(int column) => _reader.IsDBNull(column);

    public int GetInt32(int column) => _reader.GetInt32(column);

    // count(*) is bigint, a literal 0 integer, sum(bigint) numeric: each reads as a long.
    public long GetInt64(int column)
    {
        var type = _reader.GetFieldType(column);
        return type == typeof(long) ? _reader.GetInt64(column)
            : type == typeof(int) ? _reader.GetInt32(column)
            : type == typeof(decimal) ? (long)_reader.GetDecimal(column)
            : _reader.GetInt16(column);
    }

    public double GetDouble(int column) => _reader.GetDouble(column);

    public string GetString(int column) => _reader.GetString(column);
}
