using System.Globalization;
using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;

namespace HighPerf.Caching.Redis.Connection;

internal sealed partial class RedisConnection
{
    /// <summary>RESP3 through HELLO (with AUTH and SETNAME in the same round trip), RESP2 when asked or when the server lacks HELLO; then SELECT.</summary>
    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var user = _options.User ?? (_options.Password is null ? null : "default");
        var resp3 = _options.Protocol == 3;
        if (resp3)
        {
            List<string> hello = ["HELLO", "3"];
            if (_options.Password is not null)
            {
                hello.AddRange(["AUTH", user!, _options.Password]);
            }

            if (_options.ClientName is not null)
            {
                hello.AddRange(["SETNAME", _options.ClientName]);
            }

            try
            {
                await HandshakeCommandAsync([.. hello], cancellationToken).ConfigureAwait(false);
            }
            catch (RedisException ex) when (ex.Kind == RedisErrorKind.Server
                && (ex.Message.StartsWith("NOPROTO", StringComparison.Ordinal) || ex.Message.StartsWith("ERR unknown command", StringComparison.Ordinal)))
            {
                resp3 = false;
            }
        }

        if (!resp3)
        {
            if (_options.Password is not null)
            {
                await HandshakeCommandAsync(_options.User is null ? ["AUTH", _options.Password] : ["AUTH", _options.User, _options.Password], cancellationToken).ConfigureAwait(false);
            }

            if (_options.ClientName is not null)
            {
                await HandshakeCommandAsync(["CLIENT", "SETNAME", _options.ClientName], cancellationToken).ConfigureAwait(false);
            }
        }

        if (_options.Database != 0)
        {
            await HandshakeCommandAsync(["SELECT", _options.Database.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandshakeCommandAsync(string[] parts, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await Send<RedisReply, ReplyParser, TextCommand>(new TextCommand(parts), null, handshake: true, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedisException(RedisErrorKind.Timeout, $"{parts[0]} got no reply from {RedisTransport.Describe(_options)} within {_options.ConnectTimeout.TotalMilliseconds:0} ms.");
        }
        catch (RedisException ex) when (ex.Kind == RedisErrorKind.Server && IsAuthenticationError(ex.Message))
        {
            // The server's text names the user at most, never the password.
            throw new RedisException(RedisErrorKind.Authentication, $"{RedisTransport.Describe(_options)} refused the credentials: {ex.Message}", ex);
        }
    }

    private static bool IsAuthenticationError(string message) =>
        message.StartsWith("WRONGPASS", StringComparison.Ordinal)
        || message.StartsWith("NOAUTH", StringComparison.Ordinal)
        || message.Contains("invalid password", StringComparison.OrdinalIgnoreCase)
        || message.Contains("invalid username-password", StringComparison.OrdinalIgnoreCase)
        || message.Contains("AUTH <password> called without any password configured", StringComparison.Ordinal);
}
