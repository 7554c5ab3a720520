using System.Text.Json.Nodes;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>
/// Our IPC streams against the apache-arrow npm package, both ways, for every type, with nulls, empty
/// batches and many batches; values compared exactly (floats as numbers, any NaN equal to any NaN).
/// </summary>
public sealed class ArrowJsPeerTests
{
    // Sizes of consecutive batches: empty ones first, in the middle and last; one past a bitmap byte; one large.
    private static readonly int[] s_sizes = [0, 1, 9, 64, 0, 250, 3, 2000, 17, 0, 5, 1];

    public static TheoryData<ArrowIpcCompression, int> Settings => new()
    {
        { ArrowIpcCompression.None, 64 },
        { ArrowIpcCompression.None, 8 },
        { ArrowIpcCompression.Zstd, 64 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_peer_reads_every_stream_we_write(ArrowIpcCompression compression, int alignment)
    {
        var batches = Batches(seed: 10 + (int)compression + alignment);
        var expected = CanonicalJson.From(ArrowSamples.AllTypesSchema, batches);
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, ArrowSamples.AllTypesSchema, new ArrowIpcWriteOptions { Compression = compression, BufferAlignment = alignment }))
        {
            foreach (var batch in batches)
            {
                writer.Write(batch);
            }

            writer.Complete();
        }

        var peer = JsonNode.Parse(ArrowJsPeer.Read(output.ToArray()))!;
        CanonicalJson.AssertEqual(expected, peer);
        Dispose(batches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task We_read_every_stream_the_peer_writes(bool zstd)
    {
        var batches = Batches(seed: zstd ? 31 : 30);
        var json = CanonicalJson.ToText(CanonicalJson.From(ArrowSamples.AllTypesSchema, batches));
        var stream = ArrowJsPeer.Write(json, zstd);

        await using var reader = new ArrowStreamReader(new MemoryStream(stream));
        ArrowSamples.AssertEqual(ArrowSamples.AllTypesSchema, await reader.ReadSchemaAsync());
        var index = 0;
        await foreach (var batch in reader.ReadAllAsync())
        {
            using (batch)
            {
                ArrowSamples.AssertEqual(batches[index], batch);
            }

            index++;
        }

        Assert.Equal(batches.Count, index);
        Dispose(batches);
    }

    [Fact]
    public void The_peers_own_zstd_prefixes_are_rejected_as_the_format_requires()
    {
        // apache-arrow 21.2.0 puts the compressed length where the uncompressed one belongs (fixed upstream
        // in apache/arrow-js#470); Arrow C++ and PyArrow refuse such buffers, and so do we, with a clear error.
        var batches = Batches(seed: 50);
        var stream = ArrowJsPeer.WriteZstdAsIs(CanonicalJson.ToText(CanonicalJson.From(ArrowSamples.AllTypesSchema, batches)));
        using var reader = new ArrowStreamReader(new MemoryStream(stream));
        var error = Assert.Throws<ArrowFormatException>(() =>
        {
            while (reader.ReadNextBatch() is { } batch)
            {
                batch.Dispose();
            }
        });
        Assert.Equal(ArrowErrorKind.Compression, error.Kind);
        Assert.Contains("does not decompress to the", error.Message, StringComparison.Ordinal);
        Dispose(batches);
    }

    [Fact]
    public void A_stream_the_peer_writes_and_we_rewrite_reads_the_same_in_the_peer()
    {
        var batches = Batches(seed: 40);
        var json = CanonicalJson.From(ArrowSamples.AllTypesSchema, batches);
        var fromPeer = ArrowJsPeer.Write(CanonicalJson.ToText(json), zstd: true);

        var output = new MemoryStream();
        using (var reader = new ArrowStreamReader(new MemoryStream(fromPeer)))
        using (var writer = new ArrowStreamWriter(output, reader.ReadSchema(), new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd }))
        {
            foreach (var batch in reader.ReadAll())
            {
                using (batch)
                {
                    writer.Write(batch);
                }
            }

            writer.Complete();
        }

        CanonicalJson.AssertEqual(json, JsonNode.Parse(ArrowJsPeer.Read(output.ToArray()))!);
        Dispose(batches);
    }

    [Fact]
    public void Generated_schemas_and_values_survive_the_peer_both_ways()
    {
        // FsCheck picks the columns (any subset and order of the supported types), the row counts and the seed.
        var gen = FsCheck.Fluent.ArbMap.Default.ArbFor<(byte[] Columns, byte[] Sizes, int Seed)>();
        Properties.Check(gen, input =>
        {
            var all = ArrowSamples.AllTypesSchema.Fields;
            var picked = (input.Columns ?? []).Take(8).Select(c => c % all.Count).Distinct().ToArray();
            if (picked.Length == 0)
            {
                return true;
            }

            var schema = new Schema(picked.Select(i => all[i]), [new("case", input.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            var batches = (input.Sizes ?? []).Take(4).Select((size, b) => Project(ArrowSamples.AllTypes(size, input.Seed + b), schema, picked)).ToList();
            try
            {
                var output = new MemoryStream();
                using (var writer = new ArrowStreamWriter(output, schema, new ArrowIpcWriteOptions { Compression = input.Seed % 2 == 0 ? ArrowIpcCompression.None : ArrowIpcCompression.Zstd }))
                {
                    batches.ForEach(writer.Write);
                    writer.Complete();
                }

                var expected = CanonicalJson.From(schema, batches);
                CanonicalJson.AssertEqual(expected, JsonNode.Parse(ArrowJsPeer.Read(output.ToArray()))!);

                using var reader = new ArrowStreamReader(new MemoryStream(ArrowJsPeer.Write(CanonicalJson.ToText(expected), zstd: input.Seed % 3 == 0)));
                var index = 0;
                foreach (var batch in reader.ReadAll())
                {
                    using (batch)
                    {
                        ArrowSamples.AssertEqual(batches[index++], batch);
                    }
                }

                return index == batches.Count;
            }
            finally
            {
                Dispose(batches);
            }
        }, maxTest: 10);
    }

    private static RecordBatch Project(RecordBatch batch, Schema schema, int[] columns)
    {
        var kept = new ArrowArray[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            kept[i] = batch.Column(columns[i]);
        }

        // The columns not kept are disposed; the kept ones move to the new batch.
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            if (Array.IndexOf(columns, c) < 0)
            {
                batch.Column(c).Dispose();
            }
        }

        return new RecordBatch(schema, kept, batch.Length);
    }

    private static List<RecordBatch> Batches(int seed) => s_sizes.Select((size, i) => ArrowSamples.AllTypes(size, seed * 100 + i)).ToList();

    private static void Dispose(List<RecordBatch> batches) => batches.ForEach(b => b.Dispose());
}
