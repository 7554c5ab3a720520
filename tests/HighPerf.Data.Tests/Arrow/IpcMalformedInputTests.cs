using System.Buffers.Binary;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>Damaged streams: every failure is an <see cref="ArrowFormatException"/> with a kind, never another exception or a crash.</summary>
public sealed class IpcMalformedInputTests
{
    private static readonly byte[] s_plain = IpcRoundTripTests.Write(new ArrowIpcWriteOptions(), ArrowSamples.AllTypes(40, 1), ArrowSamples.AllTypes(0, 2), ArrowSamples.AllTypes(9, 3));
    private static readonly byte[] s_zstd = IpcRoundTripTests.Write(new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd }, ArrowSamples.AllTypes(40, 1), ArrowSamples.AllTypes(9, 3));

    public static TheoryData<bool> Compressed => new() { false, true };

    [Theory]
    [MemberData(nameof(Compressed))]
    public void A_truncated_stream_fails_as_truncated_unless_it_stops_between_messages(bool compressed)
    {
        var bytes = compressed ? s_zstd : s_plain;
        var boundaries = MessageEnds(bytes);
        for (var cut = 0; cut < bytes.Length; cut += cut < 600 ? 1 : 7)
        {
            var outcome = ReadAll(bytes.AsSpan(0, cut).ToArray());
            if (boundaries.Contains(cut) && cut >= boundaries[0])
            {
                Assert.True(outcome is null, $"cut at message boundary {cut}: {outcome}");
            }
            else
            {
                Assert.True(outcome is ArrowFormatException { Kind: ArrowErrorKind.Truncated }, $"cut at {cut} of {bytes.Length}: {outcome?.ToString() ?? "no error"}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Compressed))]
    public void Flipped_bytes_raise_arrow_errors_or_read_as_data(bool compressed)
    {
        var bytes = compressed ? s_zstd : s_plain;
        var gen = FsCheck.Fluent.ArbMap.Default.ArbFor<(int Position, byte Mask, int Count)>();
        Properties.Check(gen, input =>
        {
            var damaged = (byte[])bytes.Clone();
            var random = new Random(input.Position);
            for (var i = 0; i <= Math.Abs(input.Count % 4); i++)
            {
                damaged[random.Next(damaged.Length)] ^= input.Mask == 0 ? (byte)0x55 : input.Mask;
            }

            var outcome = ReadAll(damaged);
            return outcome is null or ArrowFormatException;
        }, maxTest: 1500);
    }

    [Fact]
    public void Every_single_byte_of_the_metadata_can_be_damaged()
    {
        // Each byte of the schema message and the first batch's metadata, set to each of a few values.
        var schemaEnd = MessageEnds(s_plain)[0];
        var batchMetadataEnd = schemaEnd + 8 + BinaryPrimitives.ReadInt32LittleEndian(s_plain.AsSpan(schemaEnd + 4));
        foreach (var value in new byte[] { 0x00, 0xFF, 0x7F, 0x80, 0x01 })
        {
            for (var at = 0; at < batchMetadataEnd; at++)
            {
                var damaged = (byte[])s_plain.Clone();
                damaged[at] = value;
                var outcome = ReadAll(damaged);
                Assert.True(outcome is null or ArrowFormatException, $"byte {at} = {value:X2}: {outcome}");
            }
        }
    }

    [Fact]
    public void Clear_errors_for_what_is_not_supported()
    {
        var error = ReadAll([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);
        Assert.Equal(ArrowErrorKind.LimitExceeded, ((ArrowFormatException)error!).Kind);

        Assert.Equal(ArrowErrorKind.Truncated, ((ArrowFormatException)ReadAll([])!).Kind);
        Assert.Equal(ArrowErrorKind.Truncated, ((ArrowFormatException)ReadAll([0xFF, 0xFF])!).Kind);

        // A body limit below the batch's body.
        using var reader = new ArrowStreamReader(new MemoryStream(s_plain), new ArrowIpcReadOptions { MaxBodySize = 64 });
        Assert.Equal(ArrowErrorKind.LimitExceeded, Assert.Throws<ArrowFormatException>(() => reader.ReadNextBatch()).Kind);
    }

    /// <summary>Reads everything and touches every value; returns the exception, or null when all went well.</summary>
    private static Exception? ReadAll(byte[] bytes)
    {
        try
        {
            using var reader = new ArrowStreamReader(new MemoryStream(bytes));
            while (reader.ReadNextBatch() is { } batch)
            {
                using (batch)
                {
                    foreach (var column in batch.Columns)
                    {
                        for (var i = 0; i < column.Length; i++)
                        {
                            _ = column.IsNull(i);
                            if (column is VariableBinaryArray strings)
                            {
                                _ = strings.GetBytes(i).Length;
                            }
                        }
                    }
                }
            }

            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private static List<int> MessageEnds(byte[] bytes)
    {
        var ends = new List<int>();
        var at = 0;
        while (true)
        {
            var metadataLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (metadataLength == 0)
            {
                ends.Add(at + 8);
                return ends;
            }

            var message = new HighPerf.Data.Arrow.Ipc.IpcMessage();
            message.Decode(bytes.AsSpan(at + 8, metadataLength));
            at += 8 + metadataLength + (int)message.BodyLength;
            ends.Add(at);
        }
    }
}
