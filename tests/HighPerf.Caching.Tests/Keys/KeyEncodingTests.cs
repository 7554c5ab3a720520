using System.Buffers.Binary;
using System.Text;
using FsCheck.Fluent;

namespace HighPerf.Caching.Tests.Keys;

/// <summary>The documented key encoding, byte for byte (src/HighPerf.Caching/README.md, "Keys").</summary>
public sealed class KeyEncodingTests
{
    private delegate void Parts(ref CacheKeyBuilder builder);

    private static byte[] Encode(Parts parts, string prefix = "p")
    {
        var builder = new CacheKeyBuilder(prefix, stackalloc byte[64]);
        parts(ref builder);
        var bytes = builder.WrittenBytes.ToArray();
        builder.Dispose();
        return bytes;
    }

    private static CacheKey Key(Parts parts, string prefix = "p")
    {
        var builder = new CacheKeyBuilder(prefix, stackalloc byte[64]);
        parts(ref builder);
        return builder.ToCacheKey();
    }

    private static byte[] Header => [0x01, 0x30, 0x01, (byte)'p'];

    [Fact]
    public void Every_key_starts_with_the_format_version_and_the_prefix_as_a_string_part()
    {
        Assert.Equal(Header, Encode(static (ref b) => { }));
        Assert.Equal([0x01, 0x30, 0x00], Encode(static (ref b) => { }, prefix: ""));
    }

    [Fact]
    public void A_scope_is_its_prefix_then_the_digest_of_its_identity_and_without_one_it_is_the_prefix_alone()
    {
        var plain = new CacheKeyBuilder(new CacheKeyScope("p"), stackalloc byte[64]);
        Assert.Equal(Header, plain.WrittenBytes.ToArray());
        plain.Dispose();

        const string identity = "MyApp.Users.GetAsync(long)";
        var scoped = new CacheKeyBuilder(new CacheKeyScope("p", identity), stackalloc byte[64]);
        var bytes = scoped.WrittenBytes.ToArray();
        var digest = XxHsum.Hash128(Encoding.UTF8.GetBytes(identity));
        Assert.Equal([.. Header, 0x32, .. Convert.FromHexString(digest)], bytes);
        scoped.Add(42);
        var key = scoped.ToCacheKey();
        Assert.StartsWith("p:", key.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(Key(static (ref b) => b.Add(42)), key);
    }

    [Fact]
    public void Integers_are_a_tag_then_little_endian_bytes()
    {
        Assert.Equal([.. Header, 0x14, 42, 0, 0, 0], Encode(static (ref b) => b.Add(42)));
        Assert.Equal([.. Header, 0x16, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Encode(static (ref b) => b.Add(-1L)));
        Assert.Equal([.. Header, 0x11, 7], Encode(static (ref b) => b.Add((byte)7)));
        Assert.Equal([.. Header, 0x12, 0x34, 0x12], Encode(static (ref b) => b.Add((short)0x1234)));
        Assert.Equal([.. Header, 0x17, 1, 0, 0, 0, 0, 0, 0, 0x80], Encode(static (ref b) => b.Add(0x8000000000000001UL)));
        Assert.Equal([.. Header, 0x1A, 0x41, 0x00], Encode(static (ref b) => b.Add('A')));
    }

    [Fact]
    public void Strings_are_utf8_with_a_varint_length_and_null_differs_from_empty()
    {
        Assert.Equal([.. Header, 0x30, 0x02, (byte)'a', (byte)'b'], Encode(static (ref b) => b.Add("ab")));
        Assert.Equal([.. Header, 0x30, 0x00], Encode(static (ref b) => b.Add("")));
        Assert.Equal([.. Header, 0x00], Encode(static (ref b) => b.Add((string?)null)));
        Assert.Equal([.. Header, 0x30, 0x03, 0xE2, 0x82, 0xAC], Encode(static (ref b) => b.Add("\u20ac")));

        var long300 = new string('x', 300);
        var encoded = Encode((ref b) => b.Add(long300));
        Assert.Equal([0x30, 0xAC, 0x02], encoded[Header.Length..(Header.Length + 3)]);
        Assert.Equal(Header.Length + 3 + 300, encoded.Length);
    }

    [Fact]
    public void Any_string_is_its_Encoding_UTF8_bytes_after_a_varint_length_on_every_path()
    {
        // Lengths around the one-pass limit (42 units), ASCII and not, lone surrogates included.
        string[] pieces = ["a", "Z", "\u00e9", "\u20ac", "\U0001F511", "\ud800", "\udc00", " "];
        var strings = FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Elements(pieces)).Select(p => string.Concat(p));
        var fixedLengths = FsCheck.Fluent.Gen.Choose(38, 46).SelectMany(n => FsCheck.Fluent.Gen.Elements(pieces).ArrayOf(n)).Select(p => string.Concat(p));
        Properties.Check(FsCheck.Fluent.Gen.OneOf(strings, fixedLengths).ToArbitrary(), text =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            var expected = new List<byte>(Header) { 0x30 };
            for (var length = (uint)utf8.Length; ; length >>= 7)
            {
                expected.Add((byte)(length < 0x80 ? length : (length & 0x7F) | 0x80));
                if (length < 0x80)
                {
                    break;
                }
            }

            expected.AddRange(utf8);
            return Encode((ref b) => b.Add(text)).AsSpan().SequenceEqual(expected.ToArray());
        }, maxTest: 1_000);
    }

    [Fact]
    public void A_string_given_as_chars_as_utf8_or_as_a_string_encodes_alike()
    {
        const string text = "r\u00e9gion-\U0001F30D";
        var utf8 = Encoding.UTF8.GetBytes(text);
        var asString = Encode(static (ref b) => b.Add(text));
        Assert.Equal(asString, Encode(static (ref b) => b.Add(text.AsSpan())));
        Assert.Equal(asString, Encode((ref b) => b.AddUtf8(utf8)));
    }

    [Fact]
    public void Booleans_nulls_bytes_and_guids()
    {
        Assert.Equal([.. Header, 0x02, 0x01, 0x00], Encode(static (ref b) =>
        {
            b.Add(true);
            b.Add(false);
            b.AddNull();
        }));
        Assert.Equal([.. Header, 0x31, 0x03, 1, 2, 3], Encode(static (ref b) => b.Add(new byte[] { 1, 2, 3 })));
        Assert.Equal(
            [.. Header, 0x40, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF],
            Encode(static (ref b) => b.Add(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"))));
    }

    [Fact]
    public void Times_carry_their_kind_or_offset()
    {
        var utc = new DateTime(2026, 12, 2, 3, 4, 5, DateTimeKind.Utc);
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Local);
        var dateTime = Encode((ref b) => b.Add(utc));
        Assert.Equal(0x41, dateTime[Header.Length]);
        Assert.Equal(utc.Ticks, BinaryPrimitives.ReadInt64LittleEndian(dateTime.AsSpan(Header.Length + 1)));
        Assert.Equal((byte)DateTimeKind.Utc, dateTime[^1]);
        Assert.NotEqual(Key((ref b) => b.Add(utc)), Key((ref b) => b.Add(local)));

        var instant = new DateTimeOffset(utc);
        Assert.NotEqual(Key((ref b) => b.Add(instant)), Key((ref b) => b.Add(instant.ToOffset(TimeSpan.FromHours(2)))));
        Assert.Equal(Key((ref b) => b.Add(new DateOnly(2026, 12, 2))), Key((ref b) => b.Add(new DateOnly(2026, 12, 2))));
        Assert.NotEqual(Key((ref b) => b.Add(TimeSpan.FromTicks(5))), Key((ref b) => b.Add(new TimeOnly(5))));
    }

    [Fact]
    public void Equal_numbers_give_one_key_whatever_their_representation()
    {
        Assert.Equal(Encode(static (ref b) => b.Add(0.0)), Encode(static (ref b) => b.Add(-0.0)));
        Assert.Equal(Encode(static (ref b) => b.Add(double.NaN)), Encode(static (ref b) => b.Add(BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001))));
        Assert.Equal(Encode(static (ref b) => b.Add(0f)), Encode(static (ref b) => b.Add(-0f)));
        Assert.Equal(Encode(static (ref b) => b.Add(1.0m)), Encode(static (ref b) => b.Add(1.00m)));
        Assert.Equal(Encode(static (ref b) => b.Add(0m)), Encode(static (ref b) => b.Add(-0.000m)));
        Assert.NotEqual(Encode(static (ref b) => b.Add(1.5m)), Encode(static (ref b) => b.Add(-1.5m)));
        Assert.NotEqual(Encode(static (ref b) => b.Add(10m)), Encode(static (ref b) => b.Add(1m)));
    }

    [Fact]
    public void The_type_of_a_part_is_part_of_its_key()
    {
        Assert.NotEqual(Key(static (ref b) => b.Add(1)), Key(static (ref b) => b.Add(1L)));
        Assert.NotEqual(Key(static (ref b) => b.Add(1)), Key(static (ref b) => b.Add(1u)));
        Assert.NotEqual(Key(static (ref b) => b.Add("1")), Key(static (ref b) => b.Add(new byte[] { (byte)'1' })));
        Assert.NotEqual(Key(static (ref b) => b.AddEnum(DayOfWeek.Monday)), Key(static (ref b) => b.Add(1L)));
        Assert.NotEqual(Key(static (ref b) => b.Add("a"), "x"), Key(static (ref b) => b.Add("a"), "y"));
    }

    [Fact]
    public void Sequences_and_custom_parts_cannot_run_into_their_neighbours()
    {
        var ab_c = Key(static (ref b) =>
        {
            b.BeginSequence(2);
            b.Add("a");
            b.Add("b");
            b.BeginSequence(1);
            b.Add("c");
        });
        var a_bc = Key(static (ref b) =>
        {
            b.BeginSequence(1);
            b.Add("a");
            b.BeginSequence(2);
            b.Add("b");
            b.Add("c");
        });
        Assert.NotEqual(ab_c, a_bc);

        var part = Encode(static (ref b) => b.AddPart(new Region("fr", 3)));
        Assert.Equal([.. Header, 0x70, 0x30, 0x02, (byte)'f', (byte)'r', 0x14, 3, 0, 0, 0, 0x71], part);
        Assert.Equal([.. Header, 0x00], Encode(static (ref b) => b.AddPart((Region?)null)));
    }

    [Fact]
    public void A_key_outgrowing_its_stack_buffer_moves_to_a_pooled_one_and_stays_the_same()
    {
        var text = new string('z', 5_000);
        var small = new CacheKeyBuilder("p", stackalloc byte[16]);
        small.Add(text);
        small.Add(7);
        var large = new CacheKeyBuilder("p", new byte[16_000]);
        large.Add(text);
        large.Add(7);
        Assert.Equal(large.WrittenBytes.ToArray(), small.WrittenBytes.ToArray());
        Assert.Equal(large.ToCacheKey(), small.ToCacheKey());
    }

    [Fact]
    public void A_built_key_prints_as_its_prefix_and_22_base64url_characters_and_a_string_key_as_itself()
    {
        var key = Key(static (ref b) => b.Add(42), "user_data");
        var text = key.ToString();
        Assert.StartsWith("user_data:", text, StringComparison.Ordinal);
        Assert.Equal("user_data:".Length + 22, text.Length);
        Assert.Matches("^user_data:[A-Za-z0-9_-]{22}$", text);
        Assert.Equal(22, Key(static (ref b) => b.Add(42), "").ToString().Length);

        Assert.Equal("plain:key", CacheKey.FromString("plain:key").ToString());
        CacheKey converted = "plain:key";
        Assert.Equal(CacheKey.FromString("plain:key"), converted);
        Assert.True(default(CacheKey).IsDefault);
        Assert.Throws<ArgumentException>(() => CacheKey.FromString(""));
    }

    private sealed record Region(string Country, int Zone) : ICacheKeyPart
    {
        public void WriteKeyParts(ref CacheKeyBuilder builder)
        {
            builder.Add(Country);
            builder.Add(Zone);
        }
    }
}
