using System.Globalization;
using System.Text;

namespace HighPerf.Caching.Redis;

// Redis URLs: scheme://[[user]:password@]host[:port][/db][?name=value&...], percent-decoded.
internal sealed partial class RedisConnectionString
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static RedisConnectionOptions ParseUrl(string text, int schemeEnd)
    {
        var authorityStart = schemeEnd + SchemeSeparator.Length;
        var lastAt = text.LastIndexOf('@');
        var parser = lastAt > authorityStart ? new RedisConnectionString(text, authorityStart, lastAt) : new RedisConnectionString(text, 0, 0);
        var useTls = parser.Scheme(schemeEnd);

        // RFC 3986 ends the authority at the first '/', '?' or '#', so a password holding one must be
        // percent-encoded. People paste raw passwords (base64 ones hold '/') often enough that, when that
        // reading fails, the last '@' of the string is tried as the end of the password instead.
        var authorityEnd = text.AsSpan(authorityStart).IndexOfAny('/', '?', '#') is var end and >= 0 ? authorityStart + end : text.Length;
        var rfcAt = text.AsSpan(authorityStart, authorityEnd - authorityStart).LastIndexOf('@') is var at and >= 0 ? authorityStart + at : -1;
        FormatException rfcError;
        try
        {
            return parser.ReadUrl(useTls, authorityStart, rfcAt);
        }
        catch (FormatException e) when (lastAt > authorityEnd)
        {
            rfcError = e;
        }

        try
        {
            return parser.ReadUrl(useTls, authorityStart, lastAt);
        }
        catch (FormatException)
        {
            // The strict reading's complaint is the one that matches the documented grammar.
            throw rfcError;
        }
    }

    /// <summary>Whether the scheme asks for TLS.</summary>
    private bool Scheme(int schemeEnd)
    {
        var scheme = _text.AsSpan(0, schemeEnd);
        if (scheme.Equals("redis", StringComparison.OrdinalIgnoreCase) || scheme.Equals("valkey", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) || scheme.Equals("valkeys", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw Fail($"has the unknown scheme {Show(0, schemeEnd)}; use redis://, rediss:// (TLS), valkey:// or valkeys:// (TLS)");
    }

    /// <summary>The URL read with its user information ending at <paramref name="at"/> (-1: there is none).</summary>
    private RedisConnectionOptions ReadUrl(bool useTls, int authorityStart, int at)
    {
        var options = new RedisConnectionOptions { UseTls = useTls };
        var hostStart = authorityStart;
        if (at >= 0)
        {
            ReadUserInfo(options, authorityStart, at);
            hostStart = at + 1;
        }

        var hostEnd = _text.AsSpan(hostStart).IndexOfAny('/', '?', '#') is var end and >= 0 ? hostStart + end : _text.Length;
        ReadEndpoint(options, hostStart, hostEnd);

        var position = hostEnd;
        if (position < _text.Length && _text[position] == '/')
        {
            var pathEnd = _text.AsSpan(position).IndexOfAny('?', '#') is var stop and >= 0 ? position + stop : _text.Length;
            if (pathEnd > position + 1)
            {
                options.Database = ReadDatabase(position + 1, pathEnd, "database path segment");
            }

            position = pathEnd;
        }

        if (position < _text.Length && _text[position] == '?')
        {
            var queryEnd = _text.IndexOf('#', position) is var hash and >= 0 ? hash : _text.Length;
            ReadQuery(options, position + 1, queryEnd);
            position = queryEnd;
        }

        if (position < _text.Length)
        {
            throw Fail($"has a fragment {Show(position, _text.Length)}, which a Redis URL cannot have (a '#' in a password must be written %23)");
        }

        return options;
    }

    /// <summary><c>[user]:password</c>, percent-decoded; an empty user is the default user, an empty password none.</summary>
    private void ReadUserInfo(RedisConnectionOptions options, int start, int end)
    {
        var colon = _text.IndexOf(':', start, end - start);
        if (colon < 0)
        {
            // "redis://x@host" means a user to some clients and a password to others; guessing wrong either way
            // fails late and obscurely.
            throw Fail("has user information without a ':'; write redis://:password@host for a password alone, or redis://user:password@host");
        }

        var user = Decode(start, colon, "user");
        var password = Decode(colon + 1, end, "password");
        options.User = user.Length == 0 ? null : user;
        options.Password = password.Length == 0 ? null : password;
    }

    /// <summary>The URL's <c>name=value&amp;...</c>: keys case-insensitive, values percent-decoded, empty pairs skipped.</summary>
    private void ReadQuery(RedisConnectionOptions options, int start, int end)
    {
        while (start < end)
        {
            var ampersand = _text.IndexOf('&', start, end - start);
            var pairEnd = ampersand < 0 ? end : ampersand;
            if (pairEnd > start)
            {
                var equals = _text.IndexOf('=', start, pairEnd - start);
                if (equals < 0)
                {
                    throw Fail($"has the option {Show(start, pairEnd)} without '=value'");
                }

                ReadUrlOption(options, start, equals, equals + 1, pairEnd);
            }

            start = pairEnd + 1;
        }
    }

    private void ReadUrlOption(RedisConnectionOptions options, int keyStart, int keyEnd, int valueStart, int valueEnd)
    {
        var key = _text.AsSpan(keyStart, keyEnd - keyStart);
        if (Is(key, "clientName") || Is(key, "client_name") || Is(key, "name"))
        {
            options.ClientName = ClientName(Decode(valueStart, valueEnd, "client name"), valueStart, valueEnd);
        }
        else if (Is(key, "connectTimeout"))
        {
            options.ConnectTimeout = Milliseconds(valueStart, valueEnd, "connectTimeout");
        }
        else if (Is(key, "commandTimeout"))
        {
            options.CommandTimeout = Milliseconds(valueStart, valueEnd, "commandTimeout");
        }
        else if (Is(key, "protocol"))
        {
            options.Protocol = Protocol(valueStart, valueEnd);
        }
        else if (Is(key, "tlsHost") || Is(key, "sni"))
        {
            options.TlsHost = TlsHost(Decode(valueStart, valueEnd, "TLS host"), valueStart, valueEnd);
        }
        else
        {
            throw Fail($"has the unknown option {Show(keyStart, keyEnd)}; a URL takes clientName, connectTimeout, commandTimeout, protocol and tlsHost");
        }
    }

    /// <summary>Percent-decodes <c>[start, end)</c> as UTF-8; '+' stays '+', as URLs (not forms) have it.</summary>
    private string Decode(int start, int end, string what)
    {
        var raw = _text.AsSpan(start, end - start);
        if (!raw.Contains('%'))
        {
            return raw.ToString();
        }

        var bytes = new List<byte>(raw.Length);
        var literalStart = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(raw[literalStart..i].ToString()));
            if (i + 2 >= raw.Length || !byte.TryParse(raw.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw Fail($"has a '%' in the {what} not followed by two hex digits; write a literal '%' as %25");
            }

            bytes.Add(value);
            i += 2;
            literalStart = i + 1;
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(raw[literalStart..].ToString()));
        try
        {
            return _strictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            throw Fail($"has a percent-encoded {what} that is not UTF-8");
        }
    }
}
