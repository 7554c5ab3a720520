using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.Redis;

/// <summary>Random RESP3 reply trees for property tests.</summary>
internal static class ReplyTrees
{
    internal static Arbitrary<RedisReply> Arbitrary { get; } = Gen.Sized(size => Tree(Math.Min(size, 20))).ToArbitrary();

    private static Gen<RedisReply> Tree(int size)
    {
        var bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        var line = Gen.ArrayOf(Gen.Choose(32, 126).Select(b => (byte)b));
        var leaves = Gen.OneOf(
            Gen.Constant(New(RedisReplyKind.Null)),
            line.Select(b => New(RedisReplyKind.SimpleString, b)),
            bytes.Select(b => New(RedisReplyKind.BulkString, b)),
            bytes.Select(b => New(RedisReplyKind.VerbatimString, b)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => New(RedisReplyKind.Integer, integer: (long)i * 3)),
            Gen.Elements(0L, 1L).Select(i => New(RedisReplyKind.Boolean, integer: i)),
            Gen.Choose(-100000, 100000).Select(i => New(RedisReplyKind.Double, number: i / 64.0)),
            Gen.Choose(1, 40).Select(n => New(RedisReplyKind.BigNumber, Encoding.ASCII.GetBytes(new string('7', n)))));
        if (size <= 1)
        {
            return leaves;
        }

        var children = Gen.ListOf(Tree(size / 3)).Select(l => l.Take(6).ToArray());
        return Gen.Frequency(
            (3, leaves),
            (1, children.Select(c => New(RedisReplyKind.Array, elements: c))),
            (1, children.Select(c => New(RedisReplyKind.Set, elements: c))),
            (1, children.Select(c => New(RedisReplyKind.Map, elements: c.Length % 2 == 0 ? c : c[..^1]))));
    }

    private static RedisReply New(RedisReplyKind kind, byte[]? bytes = null, long integer = 0, double number = 0, RedisReply[]? elements = null) =>
        new(kind, bytes, integer, number, elements);
}
