using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HighPerf.Testing.Tests;

public sealed class RedisServerTlsTests
{
    [Fact]
    public async Task Answers_PING_over_TLS_to_a_client_that_trusts_the_generated_CA()
    {
        await using var server = await RedisServer.StartTlsAsync();

        Assert.True(server.UsesTls);
        Assert.Equal($"rediss://127.0.0.1:{server.Port}", server.ConnectionString);
        Assert.Equal("+PONG", await PingOverTlsAsync(server.Port, "127.0.0.1", server.CaCertificate));
        Assert.Equal("+PONG", await PingOverTlsAsync(server.Port, "localhost", server.CaCertificate));
        Assert.True(await RedisProbe.PingAsync(server.Host, server.Port, server.ProbeOptions));
    }

    [Fact]
    public async Task Plain_TCP_to_the_TLS_port_gets_no_PONG()
    {
        await using var server = await RedisServer.StartTlsAsync();

        Assert.False(await RedisProbe.PingAsync(server.Host, server.Port));

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);
        await socket.SendAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray());
        var received = new MemoryStream();
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset is as good a refusal as a close.
        }

        Assert.DoesNotContain("PONG", Encoding.Latin1.GetString(received.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_trusting_only_the_system_roots_rejects_the_server()
    {
        await using var server = await RedisServer.StartTlsAsync();

        await Assert.ThrowsAsync<AuthenticationException>(() => PingOverTlsAsync(server.Port, "127.0.0.1", trustedCa: null));
    }

    [Fact]
    public async Task Writes_PEM_files_for_a_CA_and_a_server_certificate_for_127_0_0_1_and_localhost()
    {
        await using var server = await RedisServer.StartTlsAsync();

        var caPath = Path.Combine(server.FolderPath, "ca.crt");
        var keyPath = Path.Combine(server.FolderPath, "server.key");
        using var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(server.FolderPath, "server.crt"), keyPath);

        Assert.Equal(server.CaCertificate.Thumbprint, ca.Thumbprint);
        Assert.False(server.CaCertificate.HasPrivateKey);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(ca.Subject, certificate.Issuer);
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.MatchesHostname("127.0.0.1"));
        Assert.False(certificate.MatchesHostname("example.com"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public async Task Kill_then_StartAgain_keeps_TLS_and_the_same_CA()
    {
        await using var server = await RedisServer.StartTlsAsync();
        var thumbprint = server.CaCertificate.Thumbprint;

        await server.KillAsync();
        await server.StartAgainAsync();

        Assert.True(server.UsesTls);
        Assert.Equal(thumbprint, server.CaCertificate.Thumbprint);
        Assert.Equal("+PONG", await PingOverTlsAsync(server.Port, "127.0.0.1", server.CaCertificate));
        Assert.False(await RedisProbe.PingAsync(server.Host, server.Port));
    }

    [Fact]
    public async Task A_plain_server_has_no_CA()
    {
        await using var server = await RedisServer.StartAsync();

        Assert.False(server.UsesTls);
        Assert.Throws<InvalidOperationException>(() => server.CaCertificate);
    }

    /// <summary>
    /// PING over a TLS connection of the test's own, independent of <see cref="RedisProbe"/>; the raw reply line.
    /// <paramref name="trustedCa"/> null trusts the system's roots, as a client with default settings does.
    /// </summary>
    private static async Task<string> PingOverTlsAsync(int port, string targetHost, X509Certificate2? trustedCa)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await using var ssl = new SslStream(client.GetStream());
        var options = new SslClientAuthenticationOptions { TargetHost = targetHost };
        if (trustedCa is not null)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.Add(trustedCa);
        }

        await ssl.AuthenticateAsClientAsync(options, timeout.Token);
        await ssl.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(ssl, Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token) ?? string.Empty;
    }
}
