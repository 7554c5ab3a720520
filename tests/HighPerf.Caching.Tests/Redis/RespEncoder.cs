using System.Globalization;
using System.Text;
using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.Redis;

/// <summary>Test-only RESP3 encoder of reply trees: what a server would send.</summary>
internal static class RespEncoder
{
    internal static byte[] Encode(RedisReply reply)
    {
        var output = new MemoryStream();
        Write(output, reply);
        return output.ToArray();
    }

    private static void Write(Stream output, RedisReply reply)
    {
        switch (reply.Kind)
        {
            case RedisReplyKind.Null:
                Ascii(output, "_\r\n");
                break;
            case RedisReplyKind.SimpleString:
                Ascii(output, "+" + Encoding.UTF8.GetString(reply.Bytes!) + "\r\n");
                break;
            case RedisReplyKind.BulkString:
                Bulk(output, '$', reply.Bytes!);
                break;
            case RedisReplyKind.VerbatimString:
                Bulk(output, '=', [.. "txt:"u8, .. reply.Bytes!]);
                break;
            case RedisReplyKind.Integer:
                Ascii(output, ":" + reply.Integer.ToString(CultureInfo.InvariantCulture) + "\r\n");
                break;
            case RedisReplyKind.Boolean:
                Ascii(output, reply.Integer != 0 ? "#t\r\n" : "#f\r\n");
                break;
            case RedisReplyKind.Double:
                Ascii(output, "," + reply.Double.ToString("R", CultureInfo.InvariantCulture) + "\r\n");
                break;
            case RedisReplyKind.BigNumber:
                Ascii(output, "(" + Encoding.ASCII.GetString(reply.Bytes!) + "\r\n");
                break;
            default:
                var prefix = reply.Kind switch
                {
                    RedisReplyKind.Array => '*',
                    RedisReplyKind.Set => '~',
                    RedisReplyKind.Push => '>',
                    _ => '%',
                };
                var count = reply.Kind == RedisReplyKind.Map ? reply.Elements.Count / 2 : reply.Elements.Count;
                Ascii(output, prefix + count.ToString(CultureInfo.InvariantCulture) + "\r\n");
                foreach (var element in reply.Elements)
                {
                    Write(output, element);
                }

                break;
        }
    }

    private static void Bulk(Stream output, char prefix, byte[] bytes)
    {
        Ascii(output, prefix + bytes.Length.ToString(CultureInfo.InvariantCulture) + "\r\n");
        output.Write(bytes);
        Ascii(output, "\r\n");
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
