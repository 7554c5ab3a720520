using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HighPerf.Data.Arrow;
using HighPerf.Data.Arrow.CData;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>
/// The canonical JSON that the Node peer reads and writes (see Peers/arrow-js/peer.mjs): the schema with
/// C Data Interface format strings, and every value in a form both sides print exactly.
/// </summary>
internal static class CanonicalJson
{
    public static JsonObject From(Schema schema, IEnumerable<RecordBatch> batches)
    {
        var fields = new JsonArray();
        foreach (var field in schema.Fields)
        {
            fields.Add(new JsonObject
            {
                ["name"] = field.Name,
                ["type"] = FormatString.Of(field.Type),
                ["nullable"] = field.IsNullable,
                ["metadata"] = Pairs(field.Metadata),
            });
        }

        var jsonBatches = new JsonArray();
        foreach (var batch in batches)
        {
            var columns = new JsonArray();
            foreach (var column in batch.Columns)
            {
                var values = new JsonArray();
                for (var i = 0; i < column.Length; i++)
                {
                    values.Add(column.IsNull(i) ? null : Value(column, i));
                }

                columns.Add(values);
            }

            jsonBatches.Add(new JsonObject { ["length"] = batch.Length, ["columns"] = columns });
        }

        return new JsonObject
        {
            ["schema"] = new JsonObject { ["metadata"] = Pairs(schema.Metadata), ["fields"] = fields },
            ["batches"] = jsonBatches,
        };
    }

    /// <summary>Asserts that the peer's JSON equals ours: the same text everywhere, floats compared as numbers.</summary>
    public static void AssertEqual(JsonObject expected, JsonNode actual)
    {
        Assert.Equal(expected["schema"]!.ToJsonString(), actual["schema"]!.ToJsonString());
        var expectedBatches = expected["batches"]!.AsArray();
        var actualBatches = actual["batches"]!.AsArray();
        Assert.Equal(expectedBatches.Count, actualBatches.Count);
        var fields = expected["schema"]!["fields"]!.AsArray();
        for (var b = 0; b < expectedBatches.Count; b++)
        {
            Assert.Equal((int)expectedBatches[b]!["length"]!, (int)actualBatches[b]!["length"]!);
            for (var c = 0; c < fields.Count; c++)
            {
                var type = (string)fields[c]!["type"]!;
                var want = expectedBatches[b]!["columns"]![c]!.AsArray();
                var got = actualBatches[b]!["columns"]![c]!.AsArray();
                Assert.Equal(want.Count, got.Count);
                for (var i = 0; i < want.Count; i++)
                {
                    var same = type is "f" or "g" && want[i] is not null && got[i] is not null
                        ? SameFloat((string)want[i]!, (string)got[i]!)
                        : JsonNode.DeepEquals(want[i], got[i]);
                    Assert.True(same, $"batch {b}, column {fields[c]!["name"]}, row {i}: {got[i]?.ToJsonString() ?? "null"} instead of {want[i]?.ToJsonString() ?? "null"}");
                }
            }
        }
    }

    private static bool SameFloat(string a, string b)
    {
        var x = double.Parse(a, CultureInfo.InvariantCulture);
        var y = double.Parse(b, CultureInfo.InvariantCulture);
        return (double.IsNaN(x) && double.IsNaN(y)) || BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
    }

    private static JsonArray Pairs(IReadOnlyDictionary<string, string> metadata)
    {
        var pairs = new JsonArray();
        foreach (var (key, value) in metadata)
        {
            pairs.Add(new JsonArray(key, value));
        }

        return pairs;
    }

    private static JsonNode? Value(ArrowArray column, int i) => column switch
    {
        BooleanArray a => a.GetValue(i),
        Int8Array a => a.GetValue(i),
        Int16Array a => a.GetValue(i),
        Int32Array a => a.GetValue(i),
        UInt8Array a => a.GetValue(i),
        UInt16Array a => a.GetValue(i),
        UInt32Array a => a.GetValue(i),
        Date32Array a => a.GetValue(i),
        Int64Array a => a.GetValue(i).ToString(CultureInfo.InvariantCulture),
        UInt64Array a => a.GetValue(i).ToString(CultureInfo.InvariantCulture),
        TimestampArray a => a.GetValue(i).ToString(CultureInfo.InvariantCulture),
        Float32Array a => ((double)a.GetValue(i)).ToString("R", CultureInfo.InvariantCulture),
        Float64Array a => a.GetValue(i).ToString("R", CultureInfo.InvariantCulture),
        Decimal128Array a => DecimalConversions.Format(a.GetValue(i), a.Type.Scale),
        StringArray a => a.GetValue(i),
        BinaryArray a => Convert.ToHexString(a.GetValue(i)).ToLowerInvariant(),
        _ => null,
    };

    public static string ToText(JsonObject json) => json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
