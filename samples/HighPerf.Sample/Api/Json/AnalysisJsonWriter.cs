using System.Text.Json;
using HighPerf.Data.DataSets;

namespace HighPerf.Sample.Api.Json;

/// <summary>The analyses of a data set as JSON objects (snake_case, the contract's names).</summary>
internal static class AnalysisJsonWriter
{
    internal static void Write(Utf8JsonWriter writer, DataSetSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteNumber("row_count"u8, summary.RowCount);
        writer.WriteStartArray("columns"u8);
        foreach (var column in summary.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, column.Name);
            writer.WriteString("type"u8, column.Type);
            writer.WriteNumber("count"u8, column.NonNullCount);
            writer.WriteNumber("null_count"u8, column.NullCount);
            WriteOptional(writer, "min"u8, column.Min);
            WriteOptional(writer, "max"u8, column.Max);
            WriteOptional(writer, "mean"u8, column.Mean);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void Write(Utf8JsonWriter writer, DataSetProfile profile)
    {
        writer.WriteStartObject();
        writer.WriteNumber("row_count"u8, profile.RowCount);
        writer.WriteStartArray("columns"u8);
        foreach (var column in profile.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, column.Name);
            writer.WriteString("type"u8, column.Type);
            writer.WriteNumber("distinct_count"u8, column.DistinctCount);
            if (column.Histogram is { } histogram)
            {
                writer.WriteStartArray("histogram"u8);
                foreach (var bin in histogram)
                {
                    writer.WriteStartObject();
                    WriteFinite(writer, "lower"u8, bin.Lower);
                    WriteFinite(writer, "upper"u8, bin.Upper);
                    writer.WriteNumber("count"u8, bin.Count);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNull("histogram"u8);
            }

            if (column.TopValues is { } top)
            {
                writer.WriteStartArray("top_values"u8);
                foreach (var value in top)
                {
                    writer.WriteStartObject();
                    writer.WriteString("value"u8, value.Value);
                    writer.WriteNumber("count"u8, value.Count);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNull("top_values"u8);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void Write(Utf8JsonWriter writer, DataSetQuality quality)
    {
        writer.WriteStartObject();
        writer.WriteNumber("row_count"u8, quality.RowCount);
        writer.WriteStartArray("columns"u8);
        foreach (var column in quality.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, column.Name);
            writer.WriteNumber("nulls"u8, column.Nulls);
            writer.WriteNumber("null_ratio"u8, column.NullRatio);
            writer.WriteNumber("type_violations"u8, column.TypeViolations);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keys"u8);
        foreach (var key in quality.Keys)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("columns"u8);
            foreach (var name in key.Columns)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteNumber("duplicate_rows"u8, key.DuplicateRows);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            WriteFinite(writer, name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A number, or null when it is NaN or infinite (a mean over infinities, say), which JSON cannot hold.</summary>
    private static void WriteFinite(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
