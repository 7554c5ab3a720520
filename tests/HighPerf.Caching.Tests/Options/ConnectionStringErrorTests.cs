using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.ConnectionOptions;

public sealed class ConnectionStringErrorTests
{
    private const string Secret = "Sup3rS3cret";

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "is empty" },
        { "  \t ", "is empty" },
        { "http://host", "unknown scheme 'http'" },
        { "redis+tls://host", "unknown scheme 'redis+tls'" },
        { "redis://", "names no host" },
        { "redis://:6379", "names no host" },
        { "redis://host:0", "port '0'" },
        { "redis://host:65536", "port '65536'" },
        { "redis://host:abc", "port 'abc'" },
        { "redis://host:", "port ''" },
        { "redis://host:-1", "port '-1'" },
        { "redis://host:+80", "port '+80'" },
        { "redis://ho st", "host 'ho st'" },
        { "redis://h\u00f6st", "host 'h\u00f6st'" },
        { "redis://::1", "more than one ':'" },
        { "redis://[::1", "without its closing ']'" },
        { "redis://[1.2.3.4]", "'[1.2.3.4]' in brackets, which is not an IPv6 address" },
        { "redis://[::1]x", "'x' after the IPv6 host" },
        { "redis://host/abc", "database path segment 'abc'" },
        { "redis://host/-1", "database path segment '-1'" },
        { "redis://host/1/2", "database path segment '1/2'" },
        { "redis://host/2147483648", "database path segment '2147483648'" },
        { "redis://host?foo=1", "unknown option 'foo'" },
        { "redis://host?password=x", "unknown option 'password'" },
        { "redis://host?name", "option 'name' without '=value'" },
        { "redis://host?connectTimeout=0", "connectTimeout='0'" },
        { "redis://host?connectTimeout=1.5", "connectTimeout='1.5'" },
        { "redis://host?commandTimeout=abc", "commandTimeout='abc'" },
        { "redis://host?commandTimeout=2147483648", "commandTimeout='2147483648'" },
        { "redis://host?protocol=4", "protocol='4'" },
        { "redis://host?protocol=", "protocol=''" },
        { "redis://host?name=a%20b", "client name 'a%20b'" },
        { "redis://host?name=", "client name ''" },
        { "redis://host?tlsHost=a/b", "TLS host name 'a/b'" },
        { "redis://host?sni=", "TLS host name ''" },
        { "redis://host#x", "fragment '#x'" },
        { "redis://user@host", "user information without a ':'" },
        { "redis://user:@host", "User is set but Password is not" },
        { "redis://:a%zzb@host", "'%' in the password not followed by two hex digits" },
        { "redis://:a%4@host", "'%' in the password not followed by two hex digits" },
        { "redis://us%er:pw@host", "'%' in the user not followed by two hex digits" },
        { "redis://:%FF@host", "percent-encoded password that is not UTF-8" },
        { "redis://[::1%zz]", "'%' in the IPv6 host" },
        { "redis://host?name=%G1", "'%' in the client name" },
        { "cache:0", "port '0'" },
        { "cache:x,password=pw", "port 'x'" },
        { "::1", "more than one ':'" },
        { "cache,foo=bar", "unknown option 'foo'" },
        { "cache,ssl=maybe", "ssl='maybe'" },
        { "cache,abortConnect=1", "abortConnect='1'" },
        { "cache,defaultDatabase=x", "defaultDatabase 'x'" },
        { "cache,defaultDatabase=-1", "defaultDatabase '-1'" },
        { "cache,connectTimeout=0", "connectTimeout='0'" },
        { "cache,syncTimeout=-5", "syncTimeout='-5'" },
        { "cache,protocol=resp4", "protocol='resp4'" },
        { "cache,name=has space", "client name 'has space'" },
        { "cache,sslHost=a b", "TLS host name 'a b'" },
        { "cache,user=alice", "User is set but Password is not" },
        { "a:1,b:2", "second endpoint 'b:2'" },
        { "ssl=true", "names no endpoint" },
        { ",,", "names no endpoint" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_strings_throw_FormatException_naming_the_part_at_fault(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse(text));

        Assert.StartsWith("The Redis connection string ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> MalformedWithPassword => new()
    {
        // URLs: the password well formed, something else not.
        $"http://:{Secret}@host",
        $"redis://:{Secret}@host:abc",
        $"redis://:{Secret}@host:0/1",
        $"redis://:{Secret}@host/x",
        $"redis://:{Secret}@ho st",
        $"redis://:{Secret}@host?foo=1",
        $"redis://:{Secret}@host?name=a b",
        $"redis://:{Secret}@host?name=a@b&foo=1",
        $"redis://:{Secret}@host#frag",
        $"redis://:{Secret}@[::1",
        $"redis://alice:{Secret}@host?connectTimeout=-1",
        $"rediss://alice:{Secret}@host?protocol=1",

        // URLs: the password itself malformed, or taken for something else.
        $"redis://{Secret}@host",
        $"redis://alice{Secret}@host",
        $"redis://:Sup3r%zzS3cret@host",
        $"redis://:Sup3r%FFS3cret@host",
        $"redis://user:Sup3r/S3cret@host:abc",
        $"redis://user:Sup3r?S3cret@host:abc",
        $"redis://user:Sup3r#S3cret@host:abc",
        $"redis://:Sup3r:S3cret@::1",
        $"redis://:Sup3r/1?S3cret=2@host:0",
        $"redis://:Sup3r?S3cret@@host/x",
        $"redis://Sup3r:S3cret@host?name=Sup3r@S3cret&x=1",

        // StackExchange.Redis strings.
        $"password={Secret}",
        $"cache:x,password={Secret}",
        $"cache,password={Secret},ssl=maybe",
        $"cache,password={Secret},foo=bar",
        $"cache,password=Sup3r,S3cret",
        $"cache,password=Sup3r,S3cret=x",
        $"cache,password=Sup3r,ssl=S3cret",
        $"cache,password=Sup3r,defaultDatabase=S3cret",
        $"cache,user=bob,password={Secret},defaultDatabase=-1",
        $"password=Sup3r:S3cret,Sup3r:S3cret",
        $"Sup3r:S3cret,password=Sup3r:S3cret,x",
    };

    [Theory]
    [MemberData(nameof(MalformedWithPassword))]
    public void The_password_never_appears_in_the_exception(string text)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse(text));

        var everything = error.ToString();
        Assert.DoesNotContain("Sup3r", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_away_from_the_password_is_still_quoted()
    {
        var url = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse($"redis://:{Secret}@host:abc"));
        var option = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse($"redis://:{Secret}@host?foo=1"));
        var stackExchange = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse($"cache:x,password={Secret}"));

        Assert.Contains("port 'abc'", url.Message, StringComparison.Ordinal);
        Assert.Contains("option 'foo'", option.Message, StringComparison.Ordinal);
        Assert.Contains("port 'x'", stackExchange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_may_be_part_of_the_password_is_not_quoted()
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse("cache,password=Sup3r,S3cret"));

        Assert.Contains("second endpoint (not shown, as it may hold the password)", error.Message, StringComparison.Ordinal);
        Assert.Contains("%2C", error.Message, StringComparison.Ordinal);
    }
}
