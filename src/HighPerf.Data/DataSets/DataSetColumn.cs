namespace HighPerf.Data.DataSets;

/// <summary>A declared column of a data set.</summary>
/// <param name="Name">The column's name: <c>^[a-z_][a-z0-9_]{0,62}$</c>, not a reserved word.</param>
/// <param name="Type">Its type.</param>
/// <param name="Nullable">Whether it may hold nulls (a missing field in a JSON record is a null).</param>
public sealed record DataSetColumn(string Name, DataSetColumnType Type, bool Nullable = true);
