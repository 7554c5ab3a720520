using HighPerf.Data.Postgres;

namespace HighPerf.Data.Tests.Postgres;

public sealed class PgSqlTests
{
    private static readonly string[] s_literals = ["(1::integer)", "('x''y'::text)"];

    [Theory]
    [InlineData("SELECT $1, $2", "SELECT (1::integer), ('x''y'::text)")]
    [InlineData("SELECT '$1', $2", "SELECT '$1', ('x''y'::text)")]
    [InlineData("SELECT 'it''s $1', $1", "SELECT 'it''s $1', (1::integer)")]
    [InlineData("SELECT E'\\' $1', $1", "SELECT E'\\' $1', (1::integer)")]
    [InlineData("SELECT \"$1\" FROM t WHERE a = $2", "SELECT \"$1\" FROM t WHERE a = ('x''y'::text)")]
    [InlineData("SELECT $1 -- $2\n, 1", "SELECT (1::integer) -- $2\n, 1")]
    [InlineData("SELECT /* $2 /* nested $1 */ $2 */ $1", "SELECT /* $2 /* nested $1 */ $2 */ (1::integer)")]
    [InlineData("SELECT $tag$ $1 $tag$, $$ $2 $$, $2", "SELECT $tag$ $1 $tag$, $$ $2 $$, ('x''y'::text)")]
    [InlineData("SELECT a$1 FROM t", "SELECT a$1 FROM t")]
    public void Placeholders_are_replaced_only_outside_literals_identifiers_and_comments(string sql, string expected) =>
        Assert.Equal(expected, PgSql.Substitute(sql, s_literals));

    [Fact]
    public void A_placeholder_without_a_value_is_refused() =>
        Assert.Throws<ArgumentException>(() => PgSql.Substitute("SELECT $3", s_literals));

    [Theory]
    [InlineData("events", "\"events\"")]
    [InlineData("public.events", "\"public\".\"events\"")]
    [InlineData("we\"ird", "\"we\"\"ird\"")]
    public void Table_names_are_quoted_part_by_part(string table, string expected) => Assert.Equal(expected, PgSql.Table(table));

    [Theory]
    [InlineData("COPY events, line 17", 17L)]
    [InlineData("COPY events, line 3, column user_id: null input", 3L)]
    [InlineData("SQL function \"f\"", null)]
    [InlineData(null, null)]
    public void The_row_comes_from_the_COPY_context(string? where, long? line) => Assert.Equal(line, PostgresArrowException.CopyLine(where));
}
