using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.ConnectionOptions;

public sealed class UrlConnectionStringTests
{
    [Theory]
    [InlineData("redis://localhost", false)]
    [InlineData("valkey://localhost", false)]
    [InlineData("rediss://localhost", true)]
    [InlineData("valkeys://localhost", true)]
    [InlineData("REDISS://localhost", true)]
    [InlineData("Valkey://localhost", false)]
    public void Each_scheme_sets_TLS_as_its_name_says(string url, bool tls)
    {
        var options = RedisConnectionOptions.Parse(url);

        Assert.Equal(tls, options.UseTls);
        Assert.Equal("localhost", options.Host);
        Assert.Equal(6379, options.Port);
    }

    [Fact]
    public void A_bare_host_keeps_every_default()
    {
        var options = RedisConnectionOptions.Parse("redis://cache");
        var defaults = new RedisConnectionOptions();

        Assert.Equal("cache", options.Host);
        Assert.Equal(defaults.Port, options.Port);
        Assert.Null(options.User);
        Assert.Null(options.Password);
        Assert.Null(options.TlsHost);
        Assert.Null(options.ClientName);
        Assert.Equal(defaults.Database, options.Database);
        Assert.Equal(defaults.ConnectTimeout, options.ConnectTimeout);
        Assert.Equal(defaults.CommandTimeout, options.CommandTimeout);
        Assert.Equal(defaults.Protocol, options.Protocol);
        Assert.Equal(defaults.ReconnectMinDelay, options.ReconnectMinDelay);
        Assert.Equal(defaults.ReconnectMaxDelay, options.ReconnectMaxDelay);
        Assert.Equal(defaults.MaxPendingBytes, options.MaxPendingBytes);
    }

    [Fact]
    public void Every_part_at_once()
    {
        var options = RedisConnectionOptions.Parse(
            "rediss://alice:s3cret@cache.example.com:6380/4?clientName=api&connectTimeout=1500&commandTimeout=250&protocol=2&tlsHost=cert.example.com");

        Assert.True(options.UseTls);
        Assert.Equal("alice", options.User);
        Assert.Equal("s3cret", options.Password);
        Assert.Equal("cache.example.com", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal(4, options.Database);
        Assert.Equal("api", options.ClientName);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.CommandTimeout);
        Assert.Equal(2, options.Protocol);
        Assert.Equal("cert.example.com", options.TlsHost);
    }

    [Theory]
    [InlineData("redis://:pw@host", null, "pw")]
    [InlineData("redis://alice:pw@host", "alice", "pw")]
    [InlineData("redis://alice:pw:with:colons@host", "alice", "pw:with:colons")]
    [InlineData("redis://:@host", null, null)]
    [InlineData("redis://al%40ice:p%40ss%3Aw%2Fo%25rd%20%C3%A9%2B+@host", "al@ice", "p@ss:w/o%rd \u00e9++")]
    [InlineData("redis://:%F0%9F%94%91@host", null, "\U0001F511")]
    [InlineData("redis://:%e2%82%ac@host", null, "\u20ac")]
    public void User_and_password_are_percent_decoded_and_plus_stays_plus(string url, string? user, string? password)
    {
        var options = RedisConnectionOptions.Parse(url);

        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal("host", options.Host);
    }

    [Theory]
    [InlineData("redis://:ab/cd@host:1234/2", "ab/cd", 2)]
    [InlineData("redis://:a?b=c@host/1?name=x", "a?b=c", 1)]
    [InlineData("redis://:a#b@host", "a#b", 0)]
    [InlineData("redis://:a@b/c@host:1234", "a@b/c", 0)]
    [InlineData("redis://:Rm9vYmFy+/==@host:1234", "Rm9vYmFy+/==", 0)]
    public void A_raw_password_with_URL_delimiters_is_read_up_to_the_last_at_sign(string url, string password, int database)
    {
        var options = RedisConnectionOptions.Parse(url);

        Assert.Equal(password, options.Password);
        Assert.Equal("host", options.Host);
        Assert.Equal(database, options.Database);
    }

    [Fact]
    public void An_at_sign_in_a_query_value_does_not_make_user_information()
    {
        var options = RedisConnectionOptions.Parse("redis://host:7000?name=a@b");

        Assert.Equal("host", options.Host);
        Assert.Equal(7000, options.Port);
        Assert.Equal("a@b", options.ClientName);
        Assert.Null(options.Password);
    }

    [Theory]
    [InlineData("redis://[::1]", "::1", 6379)]
    [InlineData("redis://[::1]:6380", "::1", 6380)]
    [InlineData("redis://:pw@[2001:db8::7]:7000/3", "2001:db8::7", 7000)]
    [InlineData("redis://[fe80::1%251]:6379", "fe80::1%1", 6379)]
    [InlineData("redis://[::ffff:127.0.0.1]", "::ffff:127.0.0.1", 6379)]
    public void IPv6_hosts_go_in_brackets_which_are_dropped(string url, string host, int port)
    {
        var options = RedisConnectionOptions.Parse(url);

        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
    }

    [Theory]
    [InlineData("redis://127.0.0.1:1", "127.0.0.1", 1)]
    [InlineData("redis://my-cache_1.internal:65535", "my-cache_1.internal", 65535)]
    [InlineData("redis://CACHE", "CACHE", 6379)]
    public void Host_names_and_IPv4_addresses(string url, string host, int port)
    {
        var options = RedisConnectionOptions.Parse(url);

        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
    }

    [Theory]
    [InlineData("redis://host", 0)]
    [InlineData("redis://host/", 0)]
    [InlineData("redis://host/0", 0)]
    [InlineData("redis://host:6379/15", 15)]
    [InlineData("redis://host/2147483647", int.MaxValue)]
    [InlineData("redis://host/7?name=x", 7)]
    [InlineData("redis://host/?name=x", 0)]
    public void The_path_is_the_database(string url, int database)
    {
        Assert.Equal(database, RedisConnectionOptions.Parse(url).Database);
    }

    [Theory]
    [InlineData("clientName")]
    [InlineData("client_name")]
    [InlineData("name")]
    [InlineData("CLIENTNAME")]
    [InlineData("Client_Name")]
    public void Client_name_has_three_spellings_in_any_case(string key)
    {
        Assert.Equal("worker-1", RedisConnectionOptions.Parse($"redis://host?{key}=worker-1").ClientName);
    }

    [Theory]
    [InlineData("tlsHost")]
    [InlineData("sni")]
    [InlineData("TLSHOST")]
    [InlineData("SNI")]
    public void TLS_host_has_two_spellings_in_any_case(string key)
    {
        Assert.Equal("cert.example.com", RedisConnectionOptions.Parse($"rediss://10.0.0.5?{key}=cert.example.com").TlsHost);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("3", 3)]
    [InlineData("resp2", 2)]
    [InlineData("RESP3", 3)]
    public void Protocol_takes_2_or_3(string value, int protocol)
    {
        Assert.Equal(protocol, RedisConnectionOptions.Parse($"redis://host?protocol={value}").Protocol);
    }

    [Fact]
    public void Query_values_are_percent_decoded_keys_are_case_insensitive_and_empty_pairs_skipped()
    {
        var options = RedisConnectionOptions.Parse("redis://host?&CONNECTTIMEOUT=10&&name=a%26b%3Dc&CommandTimeout=2147483647&");

        Assert.Equal(TimeSpan.FromMilliseconds(10), options.ConnectTimeout);
        Assert.Equal("a&b=c", options.ClientName);
        Assert.Equal(TimeSpan.FromMilliseconds(int.MaxValue), options.CommandTimeout);
    }

    [Fact]
    public void A_repeated_option_takes_its_last_value()
    {
        Assert.Equal("second", RedisConnectionOptions.Parse("redis://host?name=first&clientName=second").ClientName);
    }

    [Fact]
    public void Surrounding_white_space_is_ignored()
    {
        var options = RedisConnectionOptions.Parse("  \tredis://:pw@host:1/2\n");

        Assert.Equal("host", options.Host);
        Assert.Equal("pw", options.Password);
        Assert.Equal(2, options.Database);
    }

    [Fact]
    public void A_comma_in_a_URL_password_does_not_make_it_a_StackExchange_string()
    {
        var options = RedisConnectionOptions.Parse("redis://:a,b=c@host");

        Assert.Equal("a,b=c", options.Password);
        Assert.Equal("host", options.Host);
    }
}
