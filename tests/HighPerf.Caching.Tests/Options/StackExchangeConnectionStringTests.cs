using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.ConnectionOptions;

public sealed class StackExchangeConnectionStringTests
{
    [Theory]
    [InlineData("localhost", "localhost", 6379)]
    [InlineData("cache:6380", "cache", 6380)]
    [InlineData("redis:6379", "redis", 6379)]
    [InlineData("10.1.2.3:7000", "10.1.2.3", 7000)]
    [InlineData("[::1]", "::1", 6379)]
    [InlineData("[2001:db8::1]:6390", "2001:db8::1", 6390)]
    public void A_lone_endpoint(string text, string host, int port)
    {
        var options = RedisConnectionOptions.Parse(text);

        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
        Assert.False(options.UseTls);
        Assert.Null(options.Password);
    }

    [Fact]
    public void Every_option_at_once()
    {
        var options = RedisConnectionOptions.Parse(
            "cache.example.com:6380,password=p@ss=w:rd/?#,user=alice,ssl=true,defaultDatabase=2,name=api,connectTimeout=1500,syncTimeout=250,sslHost=cert.example.com,protocol=resp2");

        Assert.Equal("cache.example.com", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("p@ss=w:rd/?#", options.Password);
        Assert.Equal("alice", options.User);
        Assert.True(options.UseTls);
        Assert.Equal(2, options.Database);
        Assert.Equal("api", options.ClientName);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.CommandTimeout);
        Assert.Equal("cert.example.com", options.TlsHost);
        Assert.Equal(2, options.Protocol);
    }

    [Fact]
    public void An_Azure_connection_string()
    {
        var options = RedisConnectionOptions.Parse("contoso.redis.cache.windows.net:6380,password=Rm9v/YmFy+cXV4=,ssl=True,abortConnect=False");

        Assert.Equal("contoso.redis.cache.windows.net", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("Rm9v/YmFy+cXV4=", options.Password);
        Assert.True(options.UseTls);
    }

    [Fact]
    public void Keys_are_case_insensitive_items_trimmed_and_empty_items_skipped()
    {
        var options = RedisConnectionOptions.Parse(" cache:1 ,, PASSWORD = pw ,SSL=FALSE, DefaultDatabase=3 ,");

        Assert.Equal("cache", options.Host);
        Assert.Equal(1, options.Port);
        Assert.Equal("pw", options.Password);
        Assert.False(options.UseTls);
        Assert.Equal(3, options.Database);
    }

    [Fact]
    public void The_endpoint_may_come_after_options_as_StackExchange_Redis_allows()
    {
        var options = RedisConnectionOptions.Parse("password=pw,cache:6390");

        Assert.Equal("cache", options.Host);
        Assert.Equal(6390, options.Port);
        Assert.Equal("pw", options.Password);
    }

    [Fact]
    public void A_password_may_hold_the_URL_separator()
    {
        var options = RedisConnectionOptions.Parse("cache,password=a://b");

        Assert.Equal("cache", options.Host);
        Assert.Equal("a://b", options.Password);
    }

    [Fact]
    public void Empty_password_and_user_mean_none()
    {
        var options = RedisConnectionOptions.Parse("cache,password=,user=");

        Assert.Null(options.Password);
        Assert.Null(options.User);
    }
}
