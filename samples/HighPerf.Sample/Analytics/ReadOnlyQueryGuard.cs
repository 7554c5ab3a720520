using System.Text.Json;
using HighPerf.Data;

namespace HighPerf.Sample.Analytics;

/// <summary>
/// Decides whether a request's SQL is exactly one read-only SELECT over the sample's tables, by DuckDB's
/// own parser: <c>json_serialize_sql</c> serializes SELECT statements only (anything else, COPY, ATTACH,
/// INSTALL, PRAGMA, SET, DML, DDL, comes back as an error) and returns every statement it parsed. The
/// tree is then walked against allow-lists: every node kind must be known, every table a sample table or
/// a CTE, every table function one that generates rows (so no <c>read_csv</c>, <c>read_parquet</c>,
/// <c>glob</c>, <c>query</c>...). External access being off in the database is the second wall, not the first.
/// </summary>
internal static class ReadOnlyQueryGuard
{
    private static readonly HashSet<string> s_tables = new(StringComparer.OrdinalIgnoreCase) { "events" };

    private static readonly HashSet<string> s_tableFunctions = new(StringComparer.OrdinalIgnoreCase) { "range", "generate_series", "unnest" };

    // Scalar functions with an effect beyond the query's result.
    private static readonly HashSet<string> s_deniedFunctions = new(StringComparer.OrdinalIgnoreCase) { "nextval", "setval", "getenv" };

    // Node kinds (the "type" of objects that are not expressions) a plain SELECT is made of.
    private static readonly HashSet<string> s_nodes = new(StringComparer.Ordinal)
    {
        "SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE",
        "ORDER_MODIFIER", "LIMIT_MODIFIER", "DISTINCT_MODIFIER", "LIMIT_PERCENT_MODIFIER", "ASCENDING", "DESCENDING",
        "JOIN", "SUBQUERY", "EXPRESSION_LIST", "EMPTY", "BASE_TABLE", "TABLE_FUNCTION",
    };

    /// <summary>Null when <paramref name="sql"/> may run; otherwise why not (no SQL text in it).</summary>
    internal static string? Check(DuckDbConnection connection, string sql, CancellationToken cancellationToken)
    {
        if (sql.Contains('\0', StringComparison.Ordinal))
        {
            return "The SQL must not contain NUL characters.";
        }

        // json_serialize_sql takes a constant only (it parses at bind time), so the text goes in as a string
        // literal: in DuckDB's standard strings a doubled quote is the only escape.
        var serialized = connection.ExecuteScalar<string>("SELECT json_serialize_sql('" + sql.Replace("'", "''", StringComparison.Ordinal) + "')", cancellationToken) ?? string.Empty;

        using var document = JsonDocument.Parse(serialized);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            return "Only one SELECT statement is accepted: the SQL is not a SELECT, or it does not parse.";
        }

        if (!root.TryGetProperty("statements", out var statements) || statements.GetArrayLength() != 1)
        {
            return "Exactly one SELECT statement is accepted.";
        }

        var ctes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CollectCtes(statements[0], ctes);
        return Walk(statements[0], ctes);
    }

    private static void CollectCtes(JsonElement element, HashSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("cte_map", out var map) && map.TryGetProperty("map", out var entries) && entries.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in entries.EnumerateArray())
                {
                    if (entry.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
                    {
                        names.Add(key.GetString()!);
                    }
                }
            }

            foreach (var property in element.EnumerateObject())
            {
                CollectCtes(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectCtes(item, names);
            }
        }
    }

    private static string? Walk(JsonElement element, HashSet<string> ctes)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (Walk(item, ctes) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("class", out var expressionClass))
        {
            if (expressionClass.GetString() == "FUNCTION" && element.TryGetProperty("function_name", out var name) && s_deniedFunctions.Contains(name.GetString()!))
            {
                return $"The function {name.GetString()} is not allowed.";
            }
        }
        else if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            var kind = type.GetString()!;
            if (!s_nodes.Contains(kind) && !kind.EndsWith("_TYPE_INFO", StringComparison.Ordinal) && !kind.StartsWith("ORDER_", StringComparison.Ordinal))
            {
                return $"{kind} is not allowed in a query here.";
            }

            if (kind == "BASE_TABLE" && CheckTable(element, ctes) is { } tableProblem)
            {
                return tableProblem;
            }

            if (kind == "TABLE_FUNCTION")
            {
                var function = element.GetProperty("function");
                var functionName = function.GetProperty("function_name").GetString()!;
                if (!s_tableFunctions.Contains(functionName) || !IsEmpty(function, "schema") || !IsEmpty(function, "catalog"))
                {
                    return $"The table function {functionName} is not allowed; only range, generate_series and unnest are.";
                }
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Walk(property.Value, ctes) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckTable(JsonElement table, HashSet<string> ctes)
    {
        var name = table.GetProperty("table_name").GetString()!;
        var schema = table.TryGetProperty("schema_name", out var s) ? s.GetString() : null;
        var isCte = ctes.Contains(name) && string.IsNullOrEmpty(schema);
        var isSampleTable = s_tables.Contains(name) && (string.IsNullOrEmpty(schema) || string.Equals(schema, "main", StringComparison.OrdinalIgnoreCase));
        return (isCte || isSampleTable) && IsEmpty(table, "catalog_name")
            ? null
            : $"The table {name} is not one of the sample's tables (events).";
    }

    private static bool IsEmpty(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null || value.GetString() is "";
}
