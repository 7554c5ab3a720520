using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HighPerf.Data.DataSets.Sql;

/// <summary>
/// The filters of a query, from the contract's JSON: <c>{"col": value}</c> (equals; <c>null</c> is IS NULL),
/// <c>{"col": {"in": [..]}}</c>, <c>{"col": {"gte": .., "lte": .., "gt": .., "lt": ..}}</c>; conditions are
/// joined with AND. Column names are checked against the data set and quoted; values are cast to the column's
/// type here and bound as parameters, never written into the SQL.
/// </summary>
internal sealed class DataSetFilter
{
    internal const int MaxValues = 1000;

    private DataSetFilter(string where, List<SqlValue> parameters)
    {
        Where = where;
        Parameters = parameters;
    }

    /// <summary>The WHERE clause with <c>$1</c>... placeholders (empty when there is no filter).</summary>
    internal string Where { get; }

    /// <summary>The values, in placeholder order.</summary>
    internal List<SqlValue> Parameters { get; }

    internal static DataSetFilter None { get; } = new(string.Empty, []);

    /// <exception cref="DataSetInvalidDataException">The JSON is malformed, names an unknown column, or a value does not fit its column.</exception>
    internal static DataSetFilter Parse(DataSetDefinition definition, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return None;
        }

        var sql = new StringBuilder();
        var parameters = new List<SqlValue>();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid("Filters must be a JSON object of column conditions.");
            }

            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var index = DataSetIdentifiers.IsValid(name) ? definition.IndexOf(name) : -1;
                if (index < 0)
                {
                    throw Invalid($"A filter names a column that '{definition.Name}' does not have: '{DataSetIdentifiers.ForMessage(name)}'.");
                }

                var column = definition.Columns[index];
                if (column.Type.Kind == DataSetTypeKind.Json)
                {
                    throw Invalid($"The json column '{name}' cannot be filtered on.");
                }

                var quoted = DataSetIdentifiers.Quote(name);
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadOperators(ref reader, column, quoted, sql, parameters);
                }
                else if (reader.TokenType == JsonTokenType.Null)
                {
                    And(sql).Append(quoted).Append(" IS NULL");
                }
                else
                {
                    parameters.Add(ReadValue(ref reader, column));
                    And(sql).Append(quoted).Append(" = $").Append(parameters.Count);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new DataSetInvalidDataException("The filters are not valid JSON.", innerException: ex);
        }

        return new DataSetFilter(sql.ToString(), parameters);
    }

    private static void ReadOperators(ref Utf8JsonReader reader, DataSetColumn column, string quoted, StringBuilder sql, List<SqlValue> parameters)
    {
        var any = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            any = true;
            string? op = reader.ValueTextEquals("gte"u8) ? ">=" : reader.ValueTextEquals("lte"u8) ? "<="
                : reader.ValueTextEquals("gt"u8) ? ">" : reader.ValueTextEquals("lt"u8) ? "<" : null;
            if (op is not null)
            {
                Next(ref reader);
                parameters.Add(ReadValue(ref reader, column));
                And(sql).Append(quoted).Append(' ').Append(op).Append(" $").Append(parameters.Count);
            }
            else if (reader.ValueTextEquals("in"u8))
            {
                if (Next(ref reader) != JsonTokenType.StartArray)
                {
                    throw Invalid($"The 'in' filter of '{column.Name}' must be an array.");
                }

                And(sql).Append(quoted).Append(" IN (");
                var count = 0;
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    if (++count > MaxValues)
                    {
                        throw Invalid($"An 'in' filter takes at most {MaxValues} values.");
                    }

                    parameters.Add(ReadValue(ref reader, column));
                    sql.Append(count == 1 ? "$" : ", $").Append(parameters.Count);
                }

                if (count == 0)
                {
                    // IN () is not SQL; an empty set matches nothing.
                    sql.Append("NULL");
                }

                sql.Append(')');
            }
            else
            {
                throw Invalid($"The filter of '{column.Name}' has an unknown operator; the operators are in, gte, lte, gt and lt.");
            }
        }

        if (!any)
        {
            throw Invalid($"The filter of '{column.Name}' is empty.");
        }
    }

    /// <summary>A JSON value cast to the column's type.</summary>
    internal static SqlValue ReadValue(ref Utf8JsonReader reader, DataSetColumn column)
    {
        var type = column.Type;
        switch (type.Kind)
        {
            case DataSetTypeKind.Int32 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i32):
                return SqlValue.FromInt64(DataSetTypeKind.Int32, i32);
            case DataSetTypeKind.Int64 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var i64):
                return SqlValue.FromInt64(DataSetTypeKind.Int64, i64);
            case DataSetTypeKind.Float64 when reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var f64):
                return SqlValue.FromDouble(f64);
            case DataSetTypeKind.Decimal when reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number):
                return SqlValue.FromDecimal(number);
            case DataSetTypeKind.Bool when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                return SqlValue.FromBool(reader.TokenType == JsonTokenType.True);
            case DataSetTypeKind.String when reader.TokenType == JsonTokenType.String:
                return SqlValue.FromString(reader.GetString()!);
            case DataSetTypeKind.Date when reader.TokenType == JsonTokenType.String
                && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return SqlValue.FromDate(date);
            case DataSetTypeKind.Timestamp when reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var instant):
                return SqlValue.FromTimestamp(instant);
            default:
                throw Invalid($"A filter value of '{column.Name}' is not a {type}.");
        }
    }

    private static StringBuilder And(StringBuilder sql) => sql.Append(sql.Length == 0 ? "WHERE " : " AND ");

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Invalid("The filters end too early.");
        }

        return reader.TokenType;
    }

    private static DataSetInvalidDataException Invalid(string message) => new(message);
}
