using System.Collections.Frozen;

namespace HighPerf.Data.DataSets;

/// <summary>
/// Names of data sets and columns: <c>^[a-z_][a-z0-9_]{0,62}$</c> (ASCII only, so no look-alike letters and
/// at most 63 bytes, PostgreSQL's limit), not a reserved word of SQL, PostgreSQL or DuckDB, and always
/// quoted in the SQL built from them.
/// </summary>
public static class DataSetIdentifiers
{
    /// <summary>The longest identifier, in characters.</summary>
    public const int MaxLength = 63;

    // SQL:2016 and PostgreSQL reserved words, DuckDB's keywords that cannot name a column unquoted, the system
    // columns of PostgreSQL (which no table may declare) and DuckDB's rowid; quoting would make most of them
    // legal, but a name a user must quote everywhere else is a trap, so the contract rejects them.
    private static readonly FrozenSet<string> s_reserved = FrozenSet.ToFrozenSet(
    [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "binary",
        "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
        "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
        "current_user", "default", "deferrable", "delete", "desc", "describe", "distinct", "do", "drop", "else", "end", "except",
        "exists", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in",
        "initially", "inner", "insert", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
        "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
        "outer", "overlaps", "pivot", "placing", "primary", "qualify", "references", "returning", "right", "select",
        "session_user", "similar", "some", "summarize", "symmetric", "table", "tablesample", "then", "to", "trailing", "true",
        "truncate", "union", "unique", "unpivot", "update", "user", "using", "variadic", "verbose", "when", "where", "window",
        "with", "tableoid", "xmin", "xmax", "cmin", "cmax", "ctid", "oid", "rowid",
    ], StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a valid identifier: the pattern, and not a reserved word.</summary>
    /// <param name="name">The name to check.</param>
    public static bool IsValid(string? name) => Check(name) is null;

    /// <summary>Why <paramref name="name"/> is not a valid identifier, or <see langword="null"/> when it is.</summary>
    /// <param name="name">The name to check.</param>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name is required";
        }

        if (name.Length > MaxLength)
        {
            return $"a name has at most {MaxLength} characters";
        }

        var first = name[0];
        if (first is not ((>= 'a' and <= 'z') or '_'))
        {
            return "a name starts with a lower-case ASCII letter or '_'";
        }

        foreach (var c in name.AsSpan(1))
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return "a name has only lower-case ASCII letters, digits and '_'";
            }
        }

        if (s_reserved.Contains(name))
        {
            return "the name is a reserved word";
        }

        // Names of this library's own objects (the catalog table, hidden columns of bulk inserts).
        if (name.StartsWith("highperf_", StringComparison.Ordinal) || name.StartsWith("__", StringComparison.Ordinal))
        {
            return "names starting with 'highperf_' or '__' are reserved";
        }

        return null;
    }

    /// <summary>The name quoted for SQL (<c>"name"</c>); the name must be valid, so nothing needs escaping.</summary>
    /// <param name="name">A valid identifier.</param>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    public static string Quote(string name)
    {
        if (Check(name) is { } problem)
        {
            throw new ArgumentException($"Not a valid identifier: {problem}.", nameof(name));
        }

        return string.Concat("\"", name, "\"");
    }

    /// <summary>Quotes an identifier of this library's own (which may use the reserved prefixes).</summary>
    internal static string QuoteInternal(string name) => string.Concat("\"", name, "\"");

    /// <summary>A name safe to put in a message: the name when valid, otherwise a placeholder (never echo arbitrary input).</summary>
    internal static string ForMessage(string? name) => IsValid(name) ? name! : "(invalid name)";
}
