using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.ConnectionOptions;

public sealed class RedisConnectionOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new RedisConnectionOptions();

        Assert.Equal("localhost", options.Host);
        Assert.Equal(6379, options.Port);
        Assert.False(options.UseTls);
        Assert.Null(options.TlsHost);
        Assert.Null(options.CertificateValidation);
        Assert.Null(options.TrustedCertificates);
        Assert.Null(options.User);
        Assert.Null(options.Password);
        Assert.Equal(0, options.Database);
        Assert.Null(options.ClientName);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CommandTimeout);
        Assert.Equal(3, options.Protocol);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.ReconnectMinDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ReconnectMaxDelay);
        Assert.Equal(4 * 1024 * 1024, options.MaxPendingBytes);
        options.Validate();
    }

    [Fact]
    public void Clone_copies_every_value_and_changes_to_either_leave_the_other_alone()
    {
        using var certificate = SelfSigned();
        var original = new RedisConnectionOptions
        {
            Host = "cache.example.com",
            Port = 6380,
            UseTls = true,
            TlsHost = "cert.example.com",
            CertificateValidation = (_, _, _, _) => true,
            TrustedCertificates = [certificate],
            User = "alice",
            Password = "secret",
            Database = 3,
            ClientName = "api",
            ConnectTimeout = TimeSpan.FromSeconds(1),
            CommandTimeout = TimeSpan.FromSeconds(2),
            Protocol = 2,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            MaxPendingBytes = 1024,
        };

        var copy = original.Clone();

        Assert.NotSame(original, copy);
        Assert.Equal(original.Host, copy.Host);
        Assert.Equal(original.Port, copy.Port);
        Assert.Equal(original.UseTls, copy.UseTls);
        Assert.Equal(original.TlsHost, copy.TlsHost);
        Assert.Same(original.CertificateValidation, copy.CertificateValidation);
        Assert.NotSame(original.TrustedCertificates, copy.TrustedCertificates);
        Assert.Same(certificate, Assert.Single(copy.TrustedCertificates!));
        Assert.Equal(original.User, copy.User);
        Assert.Equal(original.Password, copy.Password);
        Assert.Equal(original.Database, copy.Database);
        Assert.Equal(original.ClientName, copy.ClientName);
        Assert.Equal(original.ConnectTimeout, copy.ConnectTimeout);
        Assert.Equal(original.CommandTimeout, copy.CommandTimeout);
        Assert.Equal(original.Protocol, copy.Protocol);
        Assert.Equal(original.ReconnectMinDelay, copy.ReconnectMinDelay);
        Assert.Equal(original.ReconnectMaxDelay, copy.ReconnectMaxDelay);
        Assert.Equal(original.MaxPendingBytes, copy.MaxPendingBytes);

        copy.Host = "other";
        copy.Port = 1;
        copy.Password = "changed";
        copy.TrustedCertificates!.Clear();
        original.Database = 9;

        Assert.Equal("cache.example.com", original.Host);
        Assert.Equal(6380, original.Port);
        Assert.Equal("secret", original.Password);
        Assert.Single(original.TrustedCertificates);
        Assert.Equal(3, copy.Database);
    }

    [Fact]
    public void Clone_of_defaults_keeps_null_collections_null()
    {
        Assert.Null(new RedisConnectionOptions().Clone().TrustedCertificates);
    }

    public static TheoryData<string, Action<RedisConnectionOptions>> OutOfRange => new()
    {
        { "Host", o => o.Host = " " },
        { "Host", o => o.Host = null! },
        { "Port", o => o.Port = 0 },
        { "Port", o => o.Port = 65536 },
        { "Port", o => o.Port = -1 },
        { "TlsHost", o => o.TlsHost = "" },
        { "User", o => (o.User, o.Password) = ("alice", null) },
        { "Database", o => o.Database = -1 },
        { "ClientName", o => o.ClientName = "has space" },
        { "ClientName", o => o.ClientName = "" },
        { "ClientName", o => o.ClientName = "caf\u00e9" },
        { "ConnectTimeout", o => o.ConnectTimeout = TimeSpan.Zero },
        { "ConnectTimeout", o => o.ConnectTimeout = Timeout.InfiniteTimeSpan },
        { "CommandTimeout", o => o.CommandTimeout = TimeSpan.FromMilliseconds(-5) },
        { "CommandTimeout", o => o.CommandTimeout = TimeSpan.FromDays(30) },
        { "Protocol", o => o.Protocol = 1 },
        { "Protocol", o => o.Protocol = 4 },
        { "ReconnectMinDelay", o => o.ReconnectMinDelay = TimeSpan.Zero },
        { "ReconnectMaxDelay", o => o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(10) },
        { "MaxPendingBytes", o => o.MaxPendingBytes = 0 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_names_the_value_out_of_range(string property, Action<RedisConnectionOptions> spoil)
    {
        var options = new RedisConnectionOptions { Password = "Sup3rS3cret" };
        spoil(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(property, error.ParamName);
        Assert.Contains($"RedisConnectionOptions.{property} ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rS3cret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_the_edges_of_each_range()
    {
        new RedisConnectionOptions
        {
            Port = 65535,
            User = "alice",
            Password = "pw",
            Database = int.MaxValue,
            ClientName = "!~",
            ConnectTimeout = TimeSpan.FromMilliseconds(int.MaxValue),
            CommandTimeout = TimeSpan.FromTicks(1),
            Protocol = 2,
            ReconnectMinDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            MaxPendingBytes = 1,
        }.Validate();
        new RedisConnectionOptions { Port = 1, Host = "::1" }.Validate();
    }

    [Fact]
    public void Parse_refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => RedisConnectionOptions.Parse(null!));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Clone test", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }
}
