using System.Buffers;
using HighPerf.Caching.Engine.Envelope;
using HighPerf.Caching.Serialization;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>The L2 envelope on its own: written, then read back however the transport splits the bytes.</summary>
public sealed class EnvelopeTests
{
    private static byte[] Write<T>(T value, ICacheSerializer<T> serializer, string[]? tags, int threshold = 0)
    {
        var encoded = EncodedValue.Create(value, serializer, forL2: true, new CacheEnvelope(false, 0, 1234, 5678, tags), threshold, 1);
        try
        {
            return encoded.Envelope.ToArray();
        }
        finally
        {
            encoded.Dispose();
        }
    }

    private static EnvelopeReader<T> Read<T>(byte[] bytes, ICacheSerializer<T> serializer, int chunk)
    {
        var reader = new EnvelopeReader<T>(serializer);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            reader.Write(bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset)));
        }

        return reader;
    }

    [Fact]
    public void A_reader_given_back_reads_the_next_envelope_on_its_thread_as_a_new_one()
    {
        var raw = UnmanagedArrayCacheSerializer<byte>.Instance;
        var first = EnvelopeReader<byte[]>.Rent(raw);
        first.Write(new byte[16].Select(_ => (byte)0xFF).ToArray());
        Assert.True(first.IsCorrupt);
        first.Dispose();

        // The next read reuses it: after a corrupt read, and with a header that outgrows the first one's array.
        string[] tags = [.. Enumerable.Range(0, 40).Select(i => new string('t', 20) + i)];
        byte[] value = [.. Enumerable.Range(0, 5000).Select(i => (byte)i)];
        var second = EnvelopeReader<byte[]>.Rent(raw);
        Assert.Same(first, second);
        var bytes = Write(value, raw, tags);
        for (var offset = 0; offset < bytes.Length; offset += 5)
        {
            second.Write(bytes.AsSpan(offset, Math.Min(5, bytes.Length - offset)));
        }

        Assert.False(second.IsCorrupt);
        Assert.True(CacheEnvelope.TryRead(second.Header, out var envelope));
        Assert.Equal(tags, envelope.Tags!);
        var decoded = second.Decode(envelope, raw);
        Assert.Equal(value, decoded);
        second.Dispose();

        var third = EnvelopeReader<byte[]>.Rent(raw);
        Assert.Same(first, third);
        third.Write(Write(new byte[] { 7, 8, 9 }, raw, null));
        Assert.True(CacheEnvelope.TryRead(third.Header, out envelope));
        Assert.Null(envelope.Tags);
        Assert.Equal(new byte[] { 7, 8, 9 }, third.Decode(envelope, raw));
        Assert.Equal(value, decoded);

        // While one is out, the thread has no spare: a second read at the same time gets its own.
        var concurrent = EnvelopeReader<byte[]>.Rent(raw);
        Assert.NotSame(third, concurrent);
        concurrent.Dispose();
        third.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Raw_and_serialized_values_read_back_with_their_header_at_any_split(int chunk)
    {
        int[] numbers = [.. Enumerable.Range(0, 300)];
        var raw = UnmanagedArrayCacheSerializer<int>.Instance;
        using (var reader = Read(Write(numbers, raw, ["t:1", "\u00e9t\u00e9"]), raw, chunk))
        {
            Assert.False(reader.IsCorrupt);
            Assert.True(CacheEnvelope.TryRead(reader.Header, out var envelope));
            Assert.Equal((1234L, 5678L, false), (envelope.CreatedAtUnix, envelope.FreshUntilUnix, envelope.Compressed));
            Assert.Equal(["t:1", "\u00e9t\u00e9"], envelope.Tags!);
            Assert.Equal(numbers, reader.Decode(envelope, raw));
        }

        var text = new string('q', 5000);
        var json = new JsonCacheSerializer<string>(TestJsonContext.Default.String);
        using (var reader = Read(Write(text, json, null, threshold: 100), json, chunk))
        {
            Assert.True(CacheEnvelope.TryRead(reader.Header, out var envelope));
            Assert.True(envelope.Compressed);
            Assert.Null(envelope.Tags);
            Assert.Equal(text, reader.Decode(envelope, json));
        }
    }

    [Fact]
    public void Truncated_overlong_and_foreign_bytes_are_corrupt()
    {
        var raw = UnmanagedArrayCacheSerializer<long>.Instance;
        var good = Write(new long[] { 1, 2, 3 }, raw, ["tag"]);
        for (var length = 0; length < good.Length; length++)
        {
            using var truncated = Read(good[..length], raw, 5);
            Assert.True(truncated.IsCorrupt, $"{length} of {good.Length} bytes");
        }

        using (var overlong = Read([.. good, 0], raw, 5))
        {
            Assert.True(overlong.IsCorrupt);
        }

        var wrongVersion = (byte[])good.Clone();
        wrongVersion[0] = 9;
        using (var foreign = Read(wrongVersion, raw, 5))
        {
            Assert.True(foreign.IsCorrupt);
        }

        // A payload that is not a whole number of elements cannot become an array.
        var ragged = Write(new byte[] { 1, 2, 3 }, UnmanagedArrayCacheSerializer<byte>.Instance, null);
        using var asLongs = Read(ragged, raw, 5);
        Assert.False(asLongs.IsCorrupt);
        Assert.True(CacheEnvelope.TryRead(asLongs.Header, out var envelope));
        Assert.Throws<InvalidDataException>(() => asLongs.Decode(envelope, raw));
    }
}
