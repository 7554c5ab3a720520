using System.Text;

namespace HighPerf.Data.DataSets;

/// <summary>The SQL the registry builds: only validated, quoted identifiers and <c>$n</c> placeholders go in.</summary>
internal static class DataSetSql
{
    internal static string CreateTable(DataSetDefinition definition, Sql.SqlDialect dialect)
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(DataSetIdentifiers.Quote(definition.Name)).Append(" (");
        for (var i = 0; i < definition.Columns.Count; i++)
        {
            var column = definition.Columns[i];
            sql.Append(i == 0 ? string.Empty : ", ").Append(DataSetIdentifiers.Quote(column.Name)).Append(' ')
                .Append(dialect.ColumnType(column.Type));
            if (!column.Nullable)
            {
                sql.Append(" NOT NULL");
            }
        }

        if (definition.PrimaryKey is { Count: > 0 } key)
        {
            sql.Append(", PRIMARY KEY (").Append(Columns(key)).Append(')');
        }

        if (definition.Unique is not null)
        {
            foreach (var set in definition.Unique)
            {
                sql.Append(", UNIQUE (").Append(Columns(set)).Append(')');
            }
        }

        return sql.Append(')').ToString();
    }

    /// <summary>Quoted names joined with commas.</summary>
    internal static string Columns(IReadOnlyList<string> names)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(DataSetIdentifiers.Quote(names[i]));
        }

        return sql.ToString();
    }

    /// <summary>Every declared column, quoted, in order.</summary>
    internal static string AllColumns(DataSetDefinition definition)
    {
        var names = new string[definition.Columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = definition.Columns[i].Name;
        }

        return Columns(names);
    }

    /// <summary>The ORDER BY that makes pages stable: the primary key, else the store's storage order (DuckDB's rowid, PostgreSQL's ctid).</summary>
    internal static string OrderBy(DataSetDefinition definition, Sql.SqlDialect dialect) =>
        definition.PrimaryKey is { Count: > 0 } key ? " ORDER BY " + Columns(key) : " ORDER BY " + dialect.StorageOrder;

    /// <summary>
    /// The lowest <c>__row</c> of the staged rows that repeats an earlier staged row's key or a stored row's key,
    /// over every primary key and unique set (rows whose key has a null take part in no unique constraint).
    /// </summary>
    internal static string FirstDuplicate(DataSetDefinition definition, string stagedSource)
    {
        var table = DataSetIdentifiers.Quote(definition.Name);
        var sql = new StringBuilder("SELECT min(r) FROM (");
        var keys = definition.Keys();
        for (var k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            var columns = Columns(key);
            var notNull = new StringBuilder();
            var match = new StringBuilder();
            for (var i = 0; i < key.Count; i++)
            {
                var c = DataSetIdentifiers.Quote(key[i]);
                notNull.Append(i == 0 ? string.Empty : " AND ").Append(c).Append(" IS NOT NULL");
                match.Append(i == 0 ? string.Empty : " AND ").Append("t.").Append(c).Append(" = b.").Append(c);
            }

            sql.Append(k == 0 ? string.Empty : " UNION ALL ")
                .Append("SELECT b.\"__row\" AS r FROM (SELECT \"__row\", ").Append(columns)
                .Append(", row_number() OVER (PARTITION BY ").Append(columns).Append(" ORDER BY \"__row\") AS rn FROM ").Append(stagedSource)
                .Append(" WHERE ").Append(notNull).Append(") b WHERE b.rn > 1 OR EXISTS (SELECT 1 FROM ").Append(table).Append(" t WHERE ")
                .Append(match).Append(')');
        }

        return sql.Append(')').ToString();
    }
}
