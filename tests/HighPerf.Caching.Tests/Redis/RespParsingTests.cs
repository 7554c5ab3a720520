using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HighPerf.Caching.Redis;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Tests.Redis;

public sealed class RespParsingTests
{
    public static TheoryData<string> Replies => new()
    {
        "+OK\r\n",
        "-ERR unknown command\r\n",
        ":-42\r\n",
        "$5\r\nhello\r\n",
        "$0\r\n\r\n",
        "$-1\r\n",
        "*-1\r\n",
        "_\r\n",
        ",3.25\r\n",
        ",inf\r\n",
        "#t\r\n",
        "(3492890328409238509324850943850943825024385\r\n",
        "!21\r\nSYNTAX invalid syntax\r\n",
        "=15\r\ntxt:Some string\r\n",
        "*3\r\n:1\r\n$3\r\nabc\r\n*2\r\n+a\r\n_\r\n",
        "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n",
        "~2\r\n+a\r\n+b\r\n",
        ">3\r\n+invalidate\r\n*1\r\n$3\r\nkey\r\n_\r\n",
        "|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n:7\r\n",
        "*0\r\n",
        "%0\r\n",
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_reply_is_complete_only_when_every_byte_has_arrived(string reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply);
        for (var length = 0; length < bytes.Length; length++)
        {
            var partial = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, length));
            Assert.False(RespScanner.TrySkipValue(ref partial), $"complete after {length} of {bytes.Length} bytes");
        }

        byte[] twice = [.. bytes, .. bytes];
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(twice));
        Assert.True(RespScanner.TrySkipValue(ref reader));
        Assert.Equal(bytes.Length, reader.Consumed);
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_reply_split_into_segments_at_any_point_parses_the_same(string reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply);
        var whole = Describe(new ReadOnlySequence<byte>(bytes));
        for (var split = 1; split < bytes.Length; split++)
        {
            var sequence = Segments.Of(bytes[..split], bytes[split..]);
            var reader = new SequenceReader<byte>(sequence);
            Assert.True(RespScanner.TrySkipValue(ref reader));
            Assert.Equal(whole, Describe(sequence));
        }
    }

    [Fact]
    public void Every_type_reads_as_the_right_reply()
    {
        Assert.Equal("OK", Parse("+OK\r\n").ToString());
        Assert.Equal(-42, Parse(":-42\r\n").Integer);
        Assert.Equal("hello", Parse("$5\r\nhello\r\n").ToString());
        Assert.True(Parse("$-1\r\n").IsNull);
        Assert.True(Parse("*-1\r\n").IsNull);
        Assert.True(Parse("_\r\n").IsNull);
        Assert.Equal(3.25, Parse(",3.25\r\n").Double);
        Assert.Equal(double.PositiveInfinity, Parse(",inf\r\n").Double);
        Assert.Equal(RedisReplyKind.Boolean, Parse("#t\r\n").Kind);
        Assert.Equal("3492890328409238509324850943850943825024385", Parse("(3492890328409238509324850943850943825024385\r\n").ToString());
        Assert.Equal("Some string", Parse("=15\r\ntxt:Some string\r\n").ToString());

        var map = Parse("%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n");
        Assert.Equal(RedisReplyKind.Map, map.Kind);
        Assert.Equal("[first, 1, second, 2]", map.ToString());

        var nested = Parse("*3\r\n:1\r\n$3\r\nabc\r\n*2\r\n+a\r\n_\r\n");
        Assert.Equal("[1, abc, [a, (nil)]]", nested.ToString());

        Assert.Equal(RedisReplyKind.Push, Parse(">3\r\n+invalidate\r\n*1\r\n$3\r\nkey\r\n_\r\n").Kind);
        Assert.Equal(7, Parse("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n:7\r\n").Integer);
    }

    [Fact]
    public void Error_replies_become_server_exceptions()
    {
        var ex = Assert.Throws<RedisException>(() => Parse("-WRONGTYPE Operation against a key\r\n"));
        Assert.Equal(RedisErrorKind.Server, ex.Kind);
        Assert.Equal("WRONGTYPE Operation against a key", ex.Message);
        Assert.Equal("SYNTAX invalid syntax", Assert.Throws<RedisException>(() => Parse("!21\r\nSYNTAX invalid syntax\r\n")).Message);
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData("$abc\r\nxyz\r\n")]
    [InlineData("*2x\r\n")]
    [InlineData("$5\nhello\r\n")]
    [InlineData("$-7\r\n")]
    public void Malformed_input_is_a_protocol_error(string reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply);
        var ex = Assert.Throws<RedisException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            RespScanner.TrySkipValue(ref reader);
        });
        Assert.Equal(RedisErrorKind.Protocol, ex.Kind);
    }

    [Fact]
    public void Absurd_nesting_is_refused()
    {
        var deep = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("*1\r\n", 100)) + ":1\r\n");
        var ex = Assert.Throws<RedisException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(deep));
            RespScanner.TrySkipValue(ref reader);
        });
        Assert.Equal(RedisErrorKind.Protocol, ex.Kind);
    }

    [Fact]
    public void Any_reply_tree_round_trips_through_the_parser()
    {
        Properties.Check(ReplyTrees.Arbitrary, reply =>
        {
            var bytes = RespEncoder.Encode(reply);
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            if (!RespScanner.TrySkipValue(ref reader) || reader.Consumed != bytes.Length)
            {
                return false;
            }

            var split = bytes.Length / 2;
            var parsed = new RespFrame(Segments.Of(bytes[..split], bytes[split..])).ReadReply();
            return Same(reply, parsed);
        }, maxTest: 300);
    }

    [Fact]
    public void The_writer_encodes_commands_as_resp_arrays_of_bulk_strings()
    {
        var writer = new ArrayBufferWriter<byte>();
        RespWriter.WriteArrayHeader(writer, 4);
        RespWriter.WriteBulk(writer, "SET"u8);
        RespWriter.WriteBulk(writer, "ключ");
        RespWriter.WriteBulk(writer, new byte[] { 0, 13, 10 });
        RespWriter.WriteBulk(writer, -12345L);
        Assert.Equal("*4\r\n$3\r\nSET\r\n$8\r\nключ\r\n$3\r\n\0\r\n\r\n$6\r\n-12345\r\n", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    private static RedisReply Parse(string reply) => new RespFrame(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(reply))).ReadReply();

    private static string Describe(ReadOnlySequence<byte> bytes)
    {
        try
        {
            var reply = new RespFrame(bytes).ReadReply();
            return reply.Kind + ":" + reply;
        }
        catch (RedisException ex)
        {
            return "error:" + ex.Message;
        }
    }

    private static bool Same(RedisReply a, RedisReply b)
    {
        if (a.Kind != b.Kind || a.Integer != b.Integer || !(a.Double.Equals(b.Double)) || a.Elements.Count != b.Elements.Count)
        {
            return false;
        }

        if (!(a.Bytes ?? []).AsSpan().SequenceEqual(b.Bytes ?? []))
        {
            return false;
        }

        for (var i = 0; i < a.Elements.Count; i++)
        {
            if (!Same(a.Elements[i], b.Elements[i]))
            {
                return false;
            }
        }

        return true;
    }
}
