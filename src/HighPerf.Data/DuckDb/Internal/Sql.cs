namespace HighPerf.Data.DuckDb;

/// <summary>Quoting for the few statements this library builds itself.</summary>
internal static class Sql
{
    /// <summary>A string literal: single quotes doubled, NUL refused (DuckDB's strings are C strings at the API).</summary>
    internal static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A SQL string cannot contain a NUL character.", nameof(value));
        }

        return string.Concat("'", value.Replace("'", "''", StringComparison.Ordinal), "'");
    }

    /// <summary>A quoted identifier: double quotes doubled.</summary>
    internal static string Identifier(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        }

        return string.Concat("\"", name.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }
}
