using System.Text;
using HighPerf.Data.DataSets;

namespace HighPerf.Data.Tests.DataSets;

public sealed class DefinitionTests
{
    [Theory]
    [InlineData("events")]
    [InlineData("_x")]
    [InlineData("a1_b2")]
    public void Valid_names_pass(string name) => Assert.True(DataSetIdentifiers.IsValid(name));

    [Theory]
    [InlineData("\"; drop table events; --")]
    [InlineData("events\"; drop table x")]
    [InlineData("Events")]
    [InlineData("1abc")]
    [InlineData("")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("\u0435vents")] // Cyrillic 'е', a look-alike of 'e'
    [InlineData("ev\u0435nts")]
    [InlineData("e\uFF56ents")] // full-width 'ｖ'
    [InlineData("abc\u200B")] // zero-width space
    [InlineData("select")]
    [InlineData("table")]
    [InlineData("rowid")]
    [InlineData("highperf_catalog")]
    [InlineData("__row")]
    public void Injection_attempts_look_alikes_and_reserved_words_are_rejected(string name)
    {
        Assert.False(DataSetIdentifiers.IsValid(name));
        Assert.Throws<ArgumentException>(() => DataSetIdentifiers.Quote(name));
    }

    [Fact]
    public void Names_of_64_characters_or_more_are_rejected_and_63_pass()
    {
        Assert.True(DataSetIdentifiers.IsValid(new string('a', 63)));
        Assert.False(DataSetIdentifiers.IsValid(new string('a', 64)));
        Assert.False(DataSetIdentifiers.IsValid(new string('a', 1000)));
    }

    [Fact]
    public void Quote_wraps_a_valid_name_in_double_quotes() => Assert.Equal("\"events\"", DataSetIdentifiers.Quote("events"));

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    [InlineData("float64")]
    [InlineData("decimal(12,2)")]
    [InlineData("decimal(38,0)")]
    [InlineData("bool")]
    [InlineData("string")]
    [InlineData("date")]
    [InlineData("timestamp")]
    [InlineData("json")]
    public void Types_parse_and_print_back(string text)
    {
        Assert.True(DataSetColumnType.TryParse(text, out var type));
        Assert.Equal(text, type.ToString());
    }

    [Theory]
    [InlineData("decimal(39,2)")]
    [InlineData("decimal(2,3)")]
    [InlineData("decimal(0,0)")]
    [InlineData("decimal(12)")]
    [InlineData("varchar")]
    [InlineData("INT32")]
    [InlineData("int32; drop")]
    public void Unknown_types_are_rejected(string text) => Assert.False(DataSetColumnType.TryParse(text, out _));

    [Fact]
    public void Definition_json_round_trips()
    {
        var json = """
            {"name":"orders","columns":[{"name":"id","type":"int64","nullable":false},{"name":"amount","type":"decimal(12,2)"},
            {"name":"code","type":"string","nullable":false}],"primary_key":"id","unique":[["code"]],"extra":{"a":[1]}}
            """;
        var definition = DataSetDefinitionJson.Parse(Encoding.UTF8.GetBytes(json));
        definition.Validate();
        Assert.Equal("orders", definition.Name);
        Assert.Equal(3, definition.Columns.Count);
        Assert.Equal(DataSetColumnType.Decimal(12, 2), definition.Columns[1].Type);
        Assert.True(definition.Columns[1].Nullable);
        Assert.Equal(["id"], definition.PrimaryKey!);
        Assert.Equal("code", Assert.Single(Assert.Single(definition.Unique!)));

        var again = DataSetDefinitionJson.Parse(Encoding.UTF8.GetBytes(DataSetDefinitionJson.ToJson(definition)));
        Assert.Equal(DataSetDefinitionJson.ToJson(definition), DataSetDefinitionJson.ToJson(again));
    }

    [Theory]
    [InlineData("""{"name":"Bad","columns":[{"name":"a","type":"int32"}]}""")]
    [InlineData("""{"name":"t","columns":[]}""")]
    [InlineData("""{"name":"t","columns":[{"name":"a","type":"int32"},{"name":"a","type":"int64"}]}""")]
    [InlineData("""{"name":"t","columns":[{"name":"a","type":"int32"}],"primary_key":"b"}""")]
    [InlineData("""{"name":"t","columns":[{"name":"a","type":"int32"}],"primary_key":"a"}""")]
    [InlineData("""{"name":"t","columns":[{"name":"a","type":"json","nullable":false}],"primary_key":"a"}""")]
    [InlineData("""{"name":"t","columns":[{"name":"a","type":"uuid"}]}""")]
    [InlineData("""{"name":"t","columns":[{"name":"select","type":"int32"}]}""")]
    [InlineData("""{"columns":[{"name":"a","type":"int32"}]}""")]
    public void Bad_definitions_fail_with_schema_validation(string json)
    {
        var ex = Assert.ThrowsAny<DataSetException>(() => DataSetDefinitionJson.Parse(Encoding.UTF8.GetBytes(json)).Validate());
        Assert.Equal(DataSetErrorCodes.SchemaValidation, ex.ErrorCode);
    }

    [Fact]
    public void Malformed_json_is_invalid_data()
    {
        var ex = Assert.Throws<DataSetInvalidDataException>(() => DataSetDefinitionJson.Parse("{\"name\": "u8));
        Assert.Equal(DataSetErrorCodes.InvalidData, ex.ErrorCode);
    }

    [Fact]
    public void Type_map_gives_each_store_and_arrow_a_type()
    {
        var type = DataSetColumnType.Decimal(12, 2);
        Assert.Equal("DECIMAL(12,2)", DataSetTypeMap.DuckDbType(type));
        Assert.Equal("numeric(12,2)", DataSetTypeMap.PostgresType(type));
        Assert.Equal("TIMESTAMPTZ", DataSetTypeMap.DuckDbType(DataSetColumnType.Timestamp));
        Assert.Equal("jsonb", DataSetTypeMap.PostgresType(DataSetColumnType.Json));
        Assert.True(DataSetTypeMap.Accepts(HighPerf.Data.Arrow.ArrowType.Int32, DataSetColumnType.Int64));
        Assert.False(DataSetTypeMap.Accepts(HighPerf.Data.Arrow.ArrowType.Int64, DataSetColumnType.Int32));
    }
}
