using System.Text;

namespace HighPerf.Data.Postgres;

/// <summary>SQL text helpers: identifier quoting and positional parameter substitution for COPY, which takes no bind parameters.</summary>
internal static class PgSql
{
    /// <summary>A table name as an identifier: <c>name</c>, or <c>schema.name</c> split at its first dot; each part double-quoted.</summary>
    public static string Table(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? Identifier(table) : Identifier(table[..dot]) + "." + Identifier(table[(dot + 1)..]);
    }

    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string ColumnList(IReadOnlyList<string> columns)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Identifier(columns[i]));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Replaces each <c>$n</c> placeholder outside string literals, quoted identifiers, dollar-quoted strings and
    /// comments with <paramref name="literals"/>[n - 1] (already quoted by the server).
    /// </summary>
    /// <exception cref="ArgumentException">A placeholder has no value.</exception>
    public static string Substitute(string sql, IReadOnlyList<string> literals)
    {
        var output = new StringBuilder(sql.Length + 64);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (c == '\'' )
            {
                // E'...' strings treat backslash as an escape; the E is just before the quote.
                var escapes = i > 0 && (sql[i - 1] is 'E' or 'e') && (i < 2 || !IsIdentifierChar(sql[i - 2]));
                i = SkipQuoted(sql, i, '\'', escapes);
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', escapes: false);
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '$' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1]) && (i == 0 || !IsIdentifierChar(sql[i - 1])))
            {
                var end = i + 1;
                while (end < sql.Length && char.IsAsciiDigit(sql[end]))
                {
                    end++;
                }

                var number = int.Parse(sql.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                if (number < 1 || number > literals.Count)
                {
                    throw new ArgumentException($"The SQL refers to ${number} but {literals.Count} parameters were given.", nameof(literals));
                }

                output.Append(literals[number - 1]);
                i = end;
                continue;
            }
            else if (c == '$' && (i == 0 || !IsIdentifierChar(sql[i - 1])) && TryDollarTag(sql, i, out var tag))
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + tag.Length;
            }
            else
            {
                i++;
            }

            output.Append(sql, start, i - start);
        }

        return output.ToString();
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > 127;

    private static int SkipQuoted(string sql, int i, char quote, bool escapes)
    {
        i++;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (escapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static bool TryDollarTag(string sql, int i, out string tag)
    {
        var end = i + 1;
        while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_' || sql[end] > 127))
        {
            end++;
        }

        if (end < sql.Length && sql[end] == '$')
        {
            tag = sql.Substring(i, end - i + 1);
            return true;
        }

        tag = string.Empty;
        return false;
    }
}
