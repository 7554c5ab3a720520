using System.Net;
using FsCheck;
using FsCheck.Fluent;
using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.ConnectionOptions;

/// <summary>For random valid options, writing a connection string and parsing it gives the same options back.</summary>
public sealed class ConnectionStringPropertyTests
{
    // Characters that stress percent-encoding: every URL delimiter, '%' and '+', spaces, and non-ASCII
    // text of one to four UTF-8 bytes (the last a surrogate pair).
    private static readonly string[] _secretPieces =
        ["a", "Z", "0", "9", ":", "@", "/", "?", "#", "&", "=", "%", "+", " ", ",", "[", "]", "!", "~", "'", "\"", "\\", "\u00e9", "\u20ac", "\u4e2d", "\U0001F511"];

    [Fact]
    public void A_URL_written_from_options_parses_back_to_them()
    {
        var cases = Gen.Zip(Options(commaFree: false), Spellings()).ToArbitrary();

        Check(cases, pair =>
        {
            var (expected, spelling) = pair;
            var url = TestConnectionStrings.Url(expected, spelling);
            return SameValues(expected, RedisConnectionOptions.Parse(url), url);
        }, maxTest: 500);
    }

    [Fact]
    public void A_StackExchange_string_written_from_options_parses_back_to_them()
    {
        Check(Options(commaFree: true).ToArbitrary(), expected =>
        {
            var text = TestConnectionStrings.StackExchange(expected);
            return SameValues(expected, RedisConnectionOptions.Parse(text), text);
        }, maxTest: 500);
    }

    private static void Check<T>(Arbitrary<T> arbitrary, Func<T, bool> property, int maxTest) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest), Prop.ForAll(arbitrary, property));

    private static Gen<RedisConnectionOptions> Options(bool commaFree) =>
        from host in Host()
        from port in Gen.Choose(1, 65535)
        from tls in Gen.Elements(true, false)
        from user in OrNull(Secret(commaFree))
        from password in OrNull(Secret(commaFree))
        from clientName in OrNull(ClientName(commaFree))
        from tlsHost in OrNull(DnsName())
        from database in Gen.OneOf(Gen.Choose(0, 15), Gen.Choose(0, int.MaxValue))
        from protocol in Gen.Elements(2, 3)
        from connectTimeout in Milliseconds()
        from commandTimeout in Milliseconds()
        select new RedisConnectionOptions
        {
            Host = host,
            Port = port,
            UseTls = tls,
            // A user needs a password.
            User = password is null ? null : user,
            Password = password,
            ClientName = clientName,
            TlsHost = tlsHost,
            Database = database,
            Protocol = protocol,
            ConnectTimeout = connectTimeout,
            CommandTimeout = commandTimeout,
        };

    private static Gen<TestConnectionStrings.Spelling> Spellings() =>
        from valkey in Gen.Elements(true, false)
        from clientNameKey in Gen.Elements("clientName", "client_name", "name", "CLIENTNAME", "Name")
        from tlsHostKey in Gen.Elements("tlsHost", "sni", "TLSHOST", "Sni")
        from writeDefaults in Gen.Elements(true, false)
        select new TestConnectionStrings.Spelling(valkey, clientNameKey, tlsHostKey, writeDefaults);

    private static Gen<string> Host() =>
        Gen.OneOf(
            DnsName(),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4).Select(bytes => new IPAddress(bytes).ToString()),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16).Select(bytes => new IPAddress(bytes).ToString()),
            Gen.Elements("localhost", "::1", "127.0.0.1"));

    private static Gen<string> DnsName()
    {
        var label = Gen.NonEmptyListOf(Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".ToCharArray()))
            .Select(chars => new string([.. chars.Take(20)]));
        return Gen.NonEmptyListOf(label).Select(labels => string.Join('.', labels.Take(4)));
    }

    /// <summary>A user name or password: any text, delimiters included (commas only for URLs); never empty, which means "none".</summary>
    private static Gen<string> Secret(bool commaFree) =>
        Gen.NonEmptyListOf(Gen.Elements(commaFree ? _secretPieces.Where(piece => piece != ",").ToArray() : _secretPieces))
            .Select(pieces => string.Concat(pieces.Take(30)))
            // The StackExchange.Redis form trims each item.
            .Where(secret => !commaFree || secret.Trim() == secret);

    /// <summary>What CLIENT SETNAME takes: '!' to '~'.</summary>
    private static Gen<string> ClientName(bool commaFree) =>
        Gen.NonEmptyListOf(Gen.Choose('!', '~').Select(c => (char)c).Where(c => !commaFree || c != ','))
            .Select(chars => new string([.. chars.Take(24)]));

    private static Gen<TimeSpan> Milliseconds() =>
        Gen.OneOf(Gen.Choose(1, 60_000), Gen.Choose(1, int.MaxValue)).Select(ms => TimeSpan.FromMilliseconds(ms));

    private static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(value => (T?)value)));

    /// <summary>True when every value survived; otherwise throws naming the string, which FsCheck cannot show for options.</summary>
    private static bool SameValues(RedisConnectionOptions expected, RedisConnectionOptions actual, string connectionString)
    {
        var same = expected.Host == actual.Host
            && expected.Port == actual.Port
            && expected.UseTls == actual.UseTls
            && expected.TlsHost == actual.TlsHost
            && expected.User == actual.User
            && expected.Password == actual.Password
            && expected.Database == actual.Database
            && expected.ClientName == actual.ClientName
            && expected.ConnectTimeout == actual.ConnectTimeout
            && expected.CommandTimeout == actual.CommandTimeout
            && expected.Protocol == actual.Protocol;
        return same ? true : throw new Xunit.Sdk.XunitException($"'{connectionString}' parsed to different values.");
    }
}
