namespace HighPerf.Data.DataSets.Sql;

/// <summary>A DuckDB row seen as an <see cref="ISqlRow"/>.</summary>
internal readonly ref struct DuckDbSqlRow(DuckDbRow row) : ISqlRow
{
    private readonly DuckDbRow _row = row;

    public int ColumnCount => _row.ColumnCount;

    public bool IsNull(int column) => _row.IsNull(column);

    public int GetInt32(int column) => _row.Get<int>(column);

    public long GetInt64(int column) => _row.Get<long>(column);

    public double GetDouble(int column) => _row.Get<double>(column);

    public string GetString(int column) => _row.Get<string>(column)!;
}
