using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HighPerf.Testing;

/// <summary>
/// Just enough RESP over a raw socket to see whether a Redis server answers, and to run a simple command in
/// a test: one connection per command, replies of simple strings, errors, integers and bulk strings. With
/// <see cref="RedisProbeOptions"/> it speaks TLS and AUTHs first.
/// </summary>
internal static class RedisProbe
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether PING gets +PONG; connection failures are "no", not exceptions.</summary>
    public static Task<bool> PingAsync(string host, int port, CancellationToken cancellationToken = default) =>
        PingAsync(host, port, RedisProbeOptions.Plain, cancellationToken);

    /// <summary>
    /// Whether PING gets +PONG; connection failures, and a server that is not ready, are "no". A failed TLS
    /// handshake is not "no" but an <see cref="System.Security.Authentication.AuthenticationException"/>:
    /// retrying will not make a certificate trusted.
    /// </summary>
    public static async Task<bool> PingAsync(string host, int port, RedisProbeOptions options, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CommandAsync(host, port, options, ["PING"], cancellationToken) == "PONG";
        }
        // A server still loading or a probe timeout is "not yet", not a failure.
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one command and returns its reply: the text of a simple or bulk string, the digits of an integer,
    /// <see langword="null"/> for a null bulk string.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server replied with an error, or with a type this probe does not read.</exception>
    public static Task<string?> CommandAsync(string host, int port, IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
        CommandAsync(host, port, RedisProbeOptions.Plain, command, cancellationToken);

    /// <summary>
    /// Sends one command, after a TLS handshake and an AUTH as <paramref name="options"/> say, and returns its
    /// reply as <see cref="CommandAsync(string, int, IReadOnlyList{string}, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server replied with an error (to AUTH or the command), or with a type this probe does not read.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed.</exception>
    public static async Task<string?> CommandAsync(
        string host,
        int port,
        RedisProbeOptions options,
        IReadOnlyList<string> command,
        CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Parse(host), port, timeout.Token);
        Stream transport = new NetworkStream(socket, ownsSocket: false);
        if (options.TrustedCa is { } ca)
        {
            transport = await AuthenticateAsync(transport, host, ca, timeout.Token);
        }

        await using var stream = new BufferedStream(transport);
        if (options.Password is { } password)
        {
            await stream.WriteAsync(Encode(["AUTH", password]), timeout.Token);
            await stream.FlushAsync(timeout.Token);
            await ReadReplyAsync(stream, timeout.Token);
        }

        await stream.WriteAsync(Encode(command), timeout.Token);
        await stream.FlushAsync(timeout.Token);
        return await ReadReplyAsync(stream, timeout.Token);
    }

    /// <summary>A TLS client stream over <paramref name="transport"/> that trusts <paramref name="ca"/> and nothing else.</summary>
    private static async Task<SslStream> AuthenticateAsync(Stream transport, string host, X509Certificate2 ca, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(ca);
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = host, CertificateChainPolicy = policy },
                cancellationToken);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private static async Task<string?> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(stream, cancellationToken);
        var payload = line[1..];
        switch (line[0])
        {
            case '+':
            case ':':
                return payload;
            case '-':
                throw new InvalidOperationException($"Redis replied with an error: {payload}");
            case '$':
                var length = int.Parse(payload, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var bulk = new byte[length + 2];
                await stream.ReadExactlyAsync(bulk, cancellationToken);
                return Encoding.UTF8.GetString(bulk, 0, length);
            default:
                throw new InvalidOperationException($"RedisProbe does not read replies like '{line}'.");
        }
    }

    /// <summary>A RESP array of bulk strings, which carries any argument text, spaces included.</summary>
    private static byte[] Encode(IReadOnlyList<string> command)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"*{command.Count}\r\n");
        foreach (var argument in command)
        {
            builder.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("Redis closed the connection before a full reply.");
            }

            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                var line = Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes)[..^1]);
                return line.Length > 0 ? line : throw new InvalidOperationException("Redis sent an empty reply line.");
            }

            bytes.Add(one[0]);
        }
    }
}
