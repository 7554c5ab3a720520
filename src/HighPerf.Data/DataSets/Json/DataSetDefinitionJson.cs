using System.Text.Json;

namespace HighPerf.Data.DataSets;

/// <summary>
/// A definition as the contract's JSON: <c>{"name", "columns": [{"name", "type", "nullable"}], "primary_key", "unique"}</c>.
/// <c>primary_key</c> is a column name or an array of them; <c>unique</c> an array whose items are a column name
/// or an array of them. <c>nullable</c> defaults to <see langword="true"/>. Read and written without reflection.
/// </summary>
public static class DataSetDefinitionJson
{
    /// <summary>Reads a definition (not yet validated: call <see cref="DataSetDefinition.Validate"/>).</summary>
    /// <param name="utf8">The JSON.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="DataSetInvalidDataException">The JSON is malformed.</exception>
    /// <exception cref="DataSetSchemaValidationException">A field is missing, of the wrong kind, or names an unknown type.</exception>
    public static DataSetDefinition Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
            Next(ref reader);
            return ReadDefinition(ref reader);
        }
        catch (JsonException ex)
        {
            throw new DataSetInvalidDataException("The body is not valid JSON.", innerException: ex);
        }
    }

    /// <summary>Writes a definition as an object.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="definition">The definition.</param>
    public static void Write(Utf8JsonWriter writer, DataSetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(definition);
        writer.WriteStartObject();
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
        writer.WriteEndObject();
    }

    /// <summary>The definition as a JSON string (what the catalog stores).</summary>
    internal static string ToJson(DataSetDefinition definition)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, definition);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
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

    private static DataSetDefinition ReadDefinition(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "The definition must be a JSON object.");
        string? name = null;
        List<DataSetColumn>? columns = null;
        List<string>? primaryKey = null;
        List<IReadOnlyList<string>>? unique = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                Next(ref reader);
                name = ReadString(ref reader, "The definition's 'name' must be a string.");
            }
            else if (reader.ValueTextEquals("columns"u8))
            {
                Next(ref reader);
                columns = ReadColumns(ref reader);
            }
            else if (reader.ValueTextEquals("primary_key"u8))
            {
                Next(ref reader);
                primaryKey = reader.TokenType == JsonTokenType.Null ? null : ReadNames(ref reader, "'primary_key' must be a column name or an array of them.");
            }
            else if (reader.ValueTextEquals("unique"u8))
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.Null)
                {
                    Expect(ref reader, JsonTokenType.StartArray, "'unique' must be an array of column sets.");
                    unique = [];
                    while (Next(ref reader) != JsonTokenType.EndArray)
                    {
                        unique.Add(ReadNames(ref reader, "Each item of 'unique' must be a column name or an array of them."));
                    }
                }
            }
            else
            {
                // Extra fields are allowed by the contract.
                Next(ref reader);
                reader.Skip();
            }
        }

        if (name is null)
        {
            throw new DataSetSchemaValidationException("The definition needs a 'name'.");
        }

        if (columns is null)
        {
            throw new DataSetSchemaValidationException("The definition needs 'columns'.");
        }

        return new DataSetDefinition(name, columns, primaryKey, unique);
    }

    private static List<DataSetColumn> ReadColumns(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "'columns' must be an array.");
        var columns = new List<DataSetColumn>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject, "Each column must be an object {name, type, nullable}.");
            string? name = null;
            DataSetColumnType? type = null;
            var nullable = true;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    Next(ref reader);
                    name = ReadString(ref reader, "A column's 'name' must be a string.");
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    Next(ref reader);
                    var text = ReadString(ref reader, "A column's 'type' must be a string.");
                    if (!DataSetColumnType.TryParse(text, out var parsed))
                    {
                        throw new DataSetSchemaValidationException(
                            $"Column {columns.Count} has an unknown type; the types are int32, int64, float64, decimal(p,s), bool, string, date, timestamp and json.");
                    }

                    type = parsed;
                }
                else if (reader.ValueTextEquals("nullable"u8))
                {
                    Next(ref reader);
                    nullable = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw new DataSetSchemaValidationException("A column's 'nullable' must be true or false."),
                    };
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }

            if (name is null || type is null)
            {
                throw new DataSetSchemaValidationException($"Column {columns.Count} needs a 'name' and a 'type'.");
            }

            columns.Add(new DataSetColumn(name, type.Value, nullable));
            if (columns.Count > DataSetDefinition.MaxColumns)
            {
                throw new DataSetSchemaValidationException($"A data set has at most {DataSetDefinition.MaxColumns} columns.");
            }
        }

        return columns;
    }

    private static List<string> ReadNames(ref Utf8JsonReader reader, string error)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        Expect(ref reader, JsonTokenType.StartArray, error);
        var names = new List<string>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            names.Add(ReadString(ref reader, error));
            if (names.Count > DataSetDefinition.MaxColumns)
            {
                throw new DataSetSchemaValidationException(error);
            }
        }

        return names;
    }

    private static string ReadString(ref Utf8JsonReader reader, string error) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new DataSetSchemaValidationException(error);

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string error)
    {
        if (reader.TokenType != type)
        {
            throw new DataSetSchemaValidationException(error);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new DataSetInvalidDataException("The body ends before the definition does.");
        }

        return reader.TokenType;
    }
}
