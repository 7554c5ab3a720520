using Npgsql;
using NpgsqlTypes;

namespace HighPerf.Data.DataSets.Sql;

/// <summary>Turns <see cref="SqlValue"/>s into positional Npgsql parameters typed by their column.</summary>
internal static class PostgresBinding
{
    internal static NpgsqlParameter Parameter(in SqlValue value) => value.Kind switch
    {
        DataSetTypeKind.Int32 => new NpgsqlParameter<int> { TypedValue = (int)value.Integer, NpgsqlDbType = NpgsqlDbType.Integer },
        DataSetTypeKind.Int64 => new NpgsqlParameter<long> { TypedValue = value.Integer, NpgsqlDbType = NpgsqlDbType.Bigint },
        DataSetTypeKind.Float64 => new NpgsqlParameter<double> { TypedValue = value.Real, NpgsqlDbType = NpgsqlDbType.Double },
        DataSetTypeKind.Decimal => new NpgsqlParameter<decimal> { TypedValue = value.Number, NpgsqlDbType = NpgsqlDbType.Numeric },
        DataSetTypeKind.Bool => new NpgsqlParameter<bool> { TypedValue = value.Boolean, NpgsqlDbType = NpgsqlDbType.Boolean },
        DataSetTypeKind.Date => new NpgsqlParameter<DateOnly> { TypedValue = value.Date, NpgsqlDbType = NpgsqlDbType.Date },
        DataSetTypeKind.Timestamp => new NpgsqlParameter<DateTime> { TypedValue = value.Timestamp.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        _ => new NpgsqlParameter<string> { TypedValue = value.Text, NpgsqlDbType = NpgsqlDbType.Text },
    };

    internal static List<NpgsqlParameter> Parameters(IReadOnlyList<SqlValue> values)
    {
        var parameters = new List<NpgsqlParameter>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add(Parameter(values[i]));
        }

        return parameters;
    }
}
