using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.Arrow.CData;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>
/// The C Data Interface counts releases and live memory process-wide, so these tests run alone, where nothing
/// else allocates Arrow memory while they measure.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed unsafe class CDataTests
{
    [Fact]
    public void Format_strings_follow_the_spec()
    {
        (ArrowType Type, string Format)[] cases =
        [
            (ArrowType.Null, "n"), (ArrowType.Boolean, "b"), (ArrowType.Int8, "c"), (ArrowType.UInt8, "C"),
            (ArrowType.Int16, "s"), (ArrowType.UInt16, "S"), (ArrowType.Int32, "i"), (ArrowType.UInt32, "I"),
            (ArrowType.Int64, "l"), (ArrowType.UInt64, "L"), (ArrowType.Float32, "f"), (ArrowType.Float64, "g"),
            (ArrowType.Utf8, "u"), (ArrowType.Binary, "z"), (ArrowType.Date32, "tdD"),
            (ArrowType.TimestampMicrosecondUtc, "tsu:UTC"), (ArrowType.TimestampMicrosecond, "tsu:"),
            (ArrowType.Timestamp(ArrowTimeUnit.Nanosecond, "Europe/Paris"), "tsn:Europe/Paris"),
            (ArrowType.Decimal128(12, 2), "d:12,2"), (ArrowType.Decimal128(38, 0), "d:38,0"),
        ];
        foreach (var (type, format) in cases)
        {
            CArrowSchema schema;
            ArrowCData.ExportType(type, &schema);
            Assert.Equal(format, Marshal.PtrToStringUTF8((nint)schema.Format));
            Assert.Equal(type, ArrowCData.ImportField(&schema).Type);
            Assert.True(schema.IsReleased);
        }

        Assert.Equal(ArrowType.Decimal128(10, 3), FormatString.Parse("d:10,3,128"));
        var unsupported = Assert.Throws<ArrowFormatException>(() => FormatString.Parse("+l"));
        Assert.Equal(ArrowErrorKind.UnsupportedType, unsupported.Kind);
        Assert.Equal(ArrowErrorKind.UnsupportedType, Assert.Throws<ArrowFormatException>(() => FormatString.Parse("d:10,3,256")).Kind);
    }

    [Fact]
    public void A_schema_round_trips_with_names_nullability_and_metadata_and_every_node_is_released_once()
    {
        Settle();
        var live = ExportCounters.LiveSchemas;
        var releases = ExportCounters.SchemaReleases;
        CArrowSchema exported;
        ArrowCData.ExportSchema(ArrowSamples.AllTypesSchema, &exported);
        Assert.Equal("+s", Marshal.PtrToStringUTF8((nint)exported.Format));
        Assert.Equal(ArrowSamples.AllTypesSchema.Fields.Count, exported.NChildren);
        Assert.Equal(CArrowSchema.FlagNullable, exported.Children[0]->Flags);
        Assert.Equal(0, exported.Children[4]->Flags);

        var imported = ArrowCData.ImportSchema(&exported);
        ArrowSamples.AssertEqual(ArrowSamples.AllTypesSchema, imported);
        Assert.True(exported.IsReleased);
        Assert.Equal(live, ExportCounters.LiveSchemas);
        Assert.Equal(releases + 1 + ArrowSamples.AllTypesSchema.Fields.Count, ExportCounters.SchemaReleases);
    }

    [Fact]
    public void Metadata_is_encoded_as_the_spec_shows()
    {
        CArrowSchema exported;
        ArrowCData.ExportField(new Field("f", ArrowType.Int32, metadata: [new("key1", "value1")]), &exported);
        var bytes = new ReadOnlySpan<byte>(exported.Metadata, 4 + 4 + 4 + 4 + 6).ToArray();
        Assert.Equal("\x01\0\0\0\x04\0\0\0key1\x06\0\0\0value1"u8.ToArray(), bytes);
        CArrowSchema.Free(&exported);

        ArrowCData.ExportField(new Field("f", ArrowType.Int32), &exported);
        Assert.True(exported.Metadata == null);
        CArrowSchema.Free(&exported);
    }

    [Fact]
    public void A_batch_round_trips_without_copying_and_outlives_the_exporting_batch()
    {
        Settle();
        var liveMemory = AlignedMemory.LiveCount;
        var liveArrays = ExportCounters.LiveArrays;
        var original = ArrowSamples.AllTypes(777, seed: 1);
        var expected = ArrowSamples.AllTypes(777, seed: 1);

        CArrowArray exported;
        ArrowCData.ExportRecordBatch(original, &exported);
        var int64Values = original.Column<Int64Array>(5).Values;
        fixed (long* pointer = int64Values)
        {
            Assert.True(pointer == exported.Children[5]->Buffers[1]);
        }

        // The .NET batch goes first; the exported structure keeps the memory alive.
        original.Dispose();
        using (var imported = ArrowCData.ImportRecordBatch(&exported, ArrowSamples.AllTypesSchema))
        {
            Assert.True(exported.IsReleased);
            ArrowSamples.AssertEqual(expected, imported);
        }

        expected.Dispose();
        Assert.Equal(liveArrays, ExportCounters.LiveArrays);
        Assert.Equal(liveMemory, AlignedMemory.LiveCount);
    }

    [Fact]
    public void A_consumer_release_frees_the_parent_and_every_child_exactly_once()
    {
        var releases = ExportCounters.ArrayReleases;
        Settle();
        var liveMemory = AlignedMemory.LiveCount;
        using (var batch = ArrowSamples.AllTypes(10, seed: 2))
        {
            CArrowArray exported;
            ArrowCData.ExportRecordBatch(batch, &exported);
            exported.Release(&exported);
            Assert.True(exported.IsReleased);
            Assert.Equal(releases + 1 + batch.ColumnCount, ExportCounters.ArrayReleases);

            // Releasing twice is a consumer bug; the null release pointer is what stops it.
            CArrowArray.Free(&exported);
            Assert.Equal(releases + 1 + batch.ColumnCount, ExportCounters.ArrayReleases);
        }

        Assert.Equal(liveMemory, AlignedMemory.LiveCount);
    }

    [Fact]
    public void A_moved_child_stays_valid_after_its_parent_is_released()
    {
        Settle();
        var liveMemory = AlignedMemory.LiveCount;
        var liveArrays = ExportCounters.LiveArrays;
        var batch = ArrowSamples.AllTypes(100, seed: 3);
        var expected = batch.Column<StringArray>(12).GetValue(7);

        CArrowArray exported;
        ArrowCData.ExportRecordBatch(batch, &exported);
        batch.Dispose();

        // Move the utf8 child out (bitwise copy, then mark the source released), then release the parent.
        var moved = (CArrowArray*)NativeMemory.Alloc((nuint)sizeof(CArrowArray));
        *moved = *exported.Children[12];
        exported.Children[12]->Release = null;
        exported.Release(&exported);
        Assert.Equal(liveArrays + 1, ExportCounters.LiveArrays);

        using (var column = (StringArray)ArrowCData.ImportArray(moved, ArrowType.Utf8))
        {
            Assert.Equal(expected, column.GetValue(7));
        }

        NativeMemory.Free(moved);
        Assert.Equal(liveArrays, ExportCounters.LiveArrays);
        Assert.Equal(liveMemory, AlignedMemory.LiveCount);
    }

    [Fact]
    public void An_imported_array_calls_the_producer_release_once_when_the_last_user_goes()
    {
        var releases = ForeignProducer.Releases;
        CArrowArray foreign;
        ForeignProducer.Int64(&foreign, [1, null, 3]);
        var array = (Int64Array)ArrowCData.ImportArray(&foreign, ArrowType.Int64);
        Assert.True(foreign.IsReleased);
        Assert.Equal(releases, ForeignProducer.Releases);
        Assert.Equal([1L, 0, 3], array.Values.ToArray());
        Assert.True(array.IsNull(1));

        // Re-exported (a consumer of ours now shares the producer's memory), then our array is disposed first.
        CArrowArray again;
        ArrowCData.ExportArray(array, &again);
        array.Dispose();
        Assert.Equal(releases, ForeignProducer.Releases);
        again.Release(&again);
        Assert.Equal(releases + 1, ForeignProducer.Releases);
        Assert.Equal(0, ForeignProducer.DoubleReleases);
    }

    [Fact]
    public void Importing_a_foreign_batch_moves_each_column_so_columns_release_one_by_one()
    {
        var releases = ForeignProducer.Releases;
        var schema = new Schema([new Field("n", ArrowType.Int64), new Field("s", ArrowType.Utf8)]);
        CArrowArray foreign;
        ForeignProducer.Struct(&foreign, 3, 2, children =>
        {
            ForeignProducer.Int64((CArrowArray*)children[0], [10, 20, null]);
            ForeignProducer.Utf8((CArrowArray*)children[1], ["x", null, "zz"]);
        });

        var batch = ArrowCData.ImportRecordBatch(&foreign, schema);
        Assert.True(foreign.IsReleased);

        // The parent was released at once; each column holds its own child.
        Assert.Equal(releases + 1, ForeignProducer.Releases);
        Assert.Equal("zz", batch.Column<StringArray>(1).GetValue(2));
        Assert.Equal(1, batch.Column(0).NullCount);

        batch.Column(0).Dispose();
        Assert.Equal(releases + 2, ForeignProducer.Releases);
        Assert.Equal("x", batch.Column<StringArray>(1).GetValue(0));
        batch.Dispose();
        Assert.Equal(releases + 3, ForeignProducer.Releases);
        Assert.Equal(0, ForeignProducer.DoubleReleases);
    }

    [Fact]
    public void Offsets_are_copied_and_unknown_null_counts_are_computed()
    {
        var releases = ForeignProducer.Releases;
        CArrowArray foreign;
        ForeignProducer.Int64(&foreign, [null, 5, 6, null, 8, 9, 10, 11, 12, null], offset: 3, unknownNullCount: true);
        using var array = (Int64Array)ArrowCData.ImportArray(&foreign, ArrowType.Int64);

        // Copied, so the producer's memory went back at once.
        Assert.Equal(releases + 1, ForeignProducer.Releases);
        Assert.Equal(10, array.Length);
        Assert.Equal(3, array.NullCount);
        Assert.Equal([0L, 5, 6, 0, 8, 9, 10, 11, 12, 0], array.Values.ToArray());
        Assert.True(array.IsNull(0) && array.IsNull(3) && array.IsNull(9) && !array.IsNull(1));
    }

    [Fact]
    public void Bad_structures_raise_arrow_errors_and_are_still_released()
    {
        var releases = ForeignProducer.Releases;
        var foreign = (CArrowArray*)NativeMemory.AllocZeroed((nuint)sizeof(CArrowArray));
        try
        {
            ForeignProducer.Int64(foreign, [1, 2]);
            var error = Assert.Throws<ArrowFormatException>(() => ArrowCData.ImportArray(foreign, ArrowType.Utf8));
            Assert.Equal(ArrowErrorKind.InvalidData, error.Kind);
            Assert.True(foreign->IsReleased);
            Assert.Equal(releases + 1, ForeignProducer.Releases);
            Assert.Throws<ArrowFormatException>(() => ArrowCData.ImportArray(foreign, ArrowType.Int64));

            // A null values buffer where bytes are needed is refused, not read.
            ForeignProducer.Int64(foreign, [1, 2]);
            NativeMemory.Free(foreign->Buffers[1]);
            foreign->Buffers[1] = null;
            Assert.Equal(ArrowErrorKind.InvalidData, Assert.Throws<ArrowFormatException>(() => ArrowCData.ImportArray(foreign, ArrowType.Int64)).Kind);
            Assert.Equal(releases + 2, ForeignProducer.Releases);

            var schema = new Schema([new Field("n", ArrowType.Int64)]);
            ForeignProducer.Struct(foreign, 2, 2, children =>
            {
                ForeignProducer.Int64((CArrowArray*)children[0], [1, 2]);
                ForeignProducer.Int64((CArrowArray*)children[1], [1, 2]);
            });
            Assert.Equal(ArrowErrorKind.SchemaMismatch, Assert.Throws<ArrowFormatException>(() => ArrowCData.ImportRecordBatch(foreign, schema)).Kind);
            Assert.True(foreign->IsReleased);
            Assert.Equal(releases + 5, ForeignProducer.Releases);
            Assert.Equal(0, ForeignProducer.DoubleReleases);
        }
        finally
        {
            NativeMemory.Free(foreign);
        }
    }

    [Fact]
    public void A_stream_round_trips_batches_and_releases_everything()
    {
        Settle();
        var liveMemory = AlignedMemory.LiveCount;
        var liveStreams = ExportCounters.LiveStreams;
        var liveArrays = ExportCounters.LiveArrays;

        CArrowArrayStream exported;
        ArrowCData.ExportStream(ArrowSamples.AllTypesSchema, Batches(4), &exported);
        using (var stream = ArrowCData.ImportStream(&exported))
        {
            Assert.True(exported.IsReleased);
            ArrowSamples.AssertEqual(ArrowSamples.AllTypesSchema, stream.Schema);
            var seed = 0;
            while (stream.ReadNext() is { } batch)
            {
                using (batch)
                using (var expected = ArrowSamples.AllTypes(50 * seed, seed))
                {
                    ArrowSamples.AssertEqual(expected, batch);
                }

                seed++;
            }

            Assert.Equal(4, seed);
            Assert.Null(stream.ReadNext());
        }

        Assert.Equal(liveStreams, ExportCounters.LiveStreams);
        Assert.Equal(liveArrays, ExportCounters.LiveArrays);
        Assert.Equal(liveMemory, AlignedMemory.LiveCount);

        static IEnumerable<RecordBatch> Batches(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return ArrowSamples.AllTypes(50 * i, i);
            }
        }
    }

    [Fact]
    public void A_failing_source_surfaces_through_get_last_error()
    {
        CArrowArrayStream exported;
        ArrowCData.ExportStream(ArrowSamples.AllTypesSchema, Failing(), &exported);
        using var stream = ArrowCData.ImportStream(&exported);
        stream.ReadNext()!.Dispose();
        var error = Assert.Throws<ArrowFormatException>(() => stream.ReadNext());
        Assert.Equal(ArrowErrorKind.ProducerError, error.Kind);
        Assert.Contains("the source broke", error.Message, StringComparison.Ordinal);

        static IEnumerable<RecordBatch> Failing()
        {
            yield return ArrowSamples.AllTypes(3, 1);
            throw new InvalidOperationException("the source broke");
        }
    }

    [Fact]
    public void The_raw_stream_callbacks_behave_as_the_stream_interface_says()
    {
        CArrowArrayStream stream;
        ArrowCData.ExportStream(ArrowSamples.AllTypesSchema, [ArrowSamples.AllTypes(5, 9)], &stream);

        // get_schema may be called more than once; each result is the caller's to release.
        for (var i = 0; i < 2; i++)
        {
            CArrowSchema schema;
            Assert.Equal(0, stream.GetSchema(&stream, &schema));
            Assert.Equal("+s", Marshal.PtrToStringUTF8((nint)schema.Format));
            schema.Release(&schema);
        }

        CArrowArray array;
        Assert.Equal(0, stream.GetNext(&stream, &array));
        Assert.Equal(5, array.Length);
        array.Release(&array);
        Assert.Equal(0, stream.GetNext(&stream, &array));
        Assert.True(array.IsReleased);
        Assert.Equal(0, stream.GetNext(&stream, &array));
        Assert.True(array.IsReleased);
        stream.Release(&stream);
        Assert.True(stream.IsReleased);
    }

    [Fact]
    public void Many_export_import_cycles_leak_nothing()
    {
        Settle();
        var liveMemory = AlignedMemory.LiveCount;
        var liveImports = ImportedArrayMemory.LiveCount;
        var liveArrays = ExportCounters.LiveArrays;
        for (var i = 0; i < 2000; i++)
        {
            using var batch = ArrowSamples.AllTypes(i % 17, i);
            CArrowSchema schema;
            CArrowArray array;
            ArrowCData.ExportSchema(batch.Schema, &schema);
            ArrowCData.ExportRecordBatch(batch, &array);
            var importedSchema = ArrowCData.ImportSchema(&schema);
            using var imported = ArrowCData.ImportRecordBatch(&array, importedSchema);
            Assert.Equal(batch.Length, imported.Length);
        }

        Assert.Equal(liveArrays, ExportCounters.LiveArrays);
        Assert.Equal(liveImports, ImportedArrayMemory.LiveCount);
        Assert.Equal(liveMemory, AlignedMemory.LiveCount);
    }

    [Fact]
    public void Large_blocks_come_back_to_the_next_batch_instead_of_fresh_memory()
    {
        // A builder filling batch after batch: once a batch is disposed, its 8 MB block serves the next one.
        using var builder = new Int64ArrayBuilder();
        nint first;
        using (var batch = Fill(builder))
        {
            fixed (long* values = batch.Values)
            {
                first = (nint)values;
            }
        }

        using var second = Fill(builder);
        fixed (long* values = second.Values)
        {
            Assert.Equal(first, (nint)values);
        }

        static Int64Array Fill(Int64ArrayBuilder builder)
        {
            builder.Reserve(1 << 20);
            for (var i = 0; i < 1 << 20; i++)
            {
                builder.Append(i);
            }

            return builder.Build();
        }
    }

    /// <summary>Finalizes what earlier tests left unreachable, so that a baseline taken now stays put.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
