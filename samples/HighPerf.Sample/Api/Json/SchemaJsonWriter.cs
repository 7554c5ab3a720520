using System.Text.Json;
using HighPerf.Data.DataSets;

namespace HighPerf.Sample.Api.Json;

/// <summary>
/// A data set's definition as the contract's JSON, flat with its row count:
/// <c>{name, columns:[{name,type,nullable}], primary_key, unique, row_count}</c> (the shape
/// <see cref="DataSetDefinitionJson"/> reads, so a response can be posted back as a definition).
/// </summary>
internal static class SchemaJsonWriter
{
    internal static void WriteFields(Utf8JsonWriter writer, DataSetDefinition definition, long rowCount)
    {
        writer.WriteString("name"u8, definition.Name);
        writer.WriteStartArray("columns"u8);
        foreach (var column in definition.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, column.Name);
            writer.WriteString("type"u8, column.Type.ToString());
            writer.WriteBoolean("nullable"u8, column.Nullable);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (definition.PrimaryKey is { } key)
        {
            writer.WritePropertyName("primary_key"u8);
            WriteNames(writer, key);
        }
        else
        {
            writer.WriteNull("primary_key"u8);
        }

        writer.WriteStartArray("unique"u8);
        if (definition.Unique is { } unique)
        {
            foreach (var set in unique)
            {
                WriteNames(writer, set);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("row_count"u8, rowCount);
    }

    private static void WriteNames(Utf8JsonWriter writer, IReadOnlyList<string> names)
    {
        writer.WriteStartArray();
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }
}
