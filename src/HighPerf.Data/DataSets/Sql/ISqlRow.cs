namespace HighPerf.Data.DataSets.Sql;

/// <summary>One row of a small result (an analysis, a catalog read), whichever store it came from.</summary>
internal interface ISqlRow
{
    int ColumnCount { get; }

    bool IsNull(int column);

    int GetInt32(int column);

    long GetInt64(int column);

    double GetDouble(int column);

    string GetString(int column);
}

/// <summary>Turns rows of either store into <typeparamref name="T"/>: written once, generic over the row type so DuckDB's ref struct rows need no copy.</summary>
/// <typeparam name="T">What a row becomes.</typeparam>
internal interface IRowMapper<out T>
{
    T Map<TRow>(TRow row)
        where TRow : ISqlRow, allows ref struct;
}
