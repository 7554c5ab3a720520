namespace HighPerf.Data.DataSets.Sql;

/// <summary>Binds <see cref="SqlValue"/>s to a DuckDB statement by their column type.</summary>
internal static class DuckDbBinding
{
    internal static void Bind(DuckDbStatement statement, int index, in SqlValue value)
    {
        switch (value.Kind)
        {
            case DataSetTypeKind.Int32:
                statement.Bind(index, (int)value.Integer);
                break;
            case DataSetTypeKind.Int64:
                statement.Bind(index, value.Integer);
                break;
            case DataSetTypeKind.Float64:
                statement.Bind(index, value.Real);
                break;
            case DataSetTypeKind.Decimal:
                statement.Bind(index, value.Number);
                break;
            case DataSetTypeKind.Bool:
                statement.Bind(index, value.Boolean);
                break;
            case DataSetTypeKind.Date:
                statement.Bind(index, value.Date);
                break;
            case DataSetTypeKind.Timestamp:
                statement.Bind(index, value.Timestamp);
                break;
            default:
                statement.Bind(index, value.Text);
                break;
        }
    }

    internal static void BindAll(DuckDbStatement statement, IReadOnlyList<SqlValue> values, int first = 1)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Bind(statement, first + i, values[i]);
        }
    }
}
