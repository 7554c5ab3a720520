using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HighPerf.Caching.Redis.Connection;

/// <summary>One TCP (optionally TLS) connection: the stream commands are written to and the pipe replies are read from.</summary>
internal sealed class RedisTransport : IAsyncDisposable
{
    private readonly Socket _socket;

    private RedisTransport(Socket socket, Stream stream)
    {
        _socket = socket;
        Stream = stream;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
    }

    internal Stream Stream { get; }

    internal PipeReader Input { get; }

    internal static async Task<RedisTransport> ConnectAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try
            {
                await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RedisException(RedisErrorKind.Connection, $"Could not connect to {Describe(options)} within {options.ConnectTimeout.TotalMilliseconds:0} ms.");
            }
            catch (SocketException ex)
            {
                throw new RedisException(RedisErrorKind.Connection, $"Could not connect to {Describe(options)}: {ex.SocketErrorCode}.", ex);
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.UseTls)
            {
                stream = await AuthenticateAsync(stream, options, timeout.Token, cancellationToken).ConfigureAwait(false);
            }

            return new RedisTransport(socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone: nothing to shut down.
        }
        catch (ObjectDisposedException)
        {
        }

        await Input.CompleteAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    internal static string Describe(RedisConnectionOptions options) =>
        (options.UseTls ? "rediss://" : "redis://") + (options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host) + ":" + options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Stream> AuthenticateAsync(Stream inner, RedisConnectionOptions options, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = options.TlsHost ?? options.Host,
            RemoteCertificateValidationCallback = options.CertificateValidation ?? (options.TrustedCertificates is { } roots ? TrustOnly(roots) : null),
        };

        try
        {
            await ssl.AuthenticateAsClientAsync(authentication, timeoutToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException || (ex is OperationCanceledException && !callerToken.IsCancellationRequested))
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new RedisException(RedisErrorKind.Tls, $"The TLS handshake with {Describe(options)} failed: {ex.Message}", ex);
        }
    }

    /// <summary>Validates the server's chain against the given roots only (a private CA), and its name as usual.</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2Collection roots) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    };
}
