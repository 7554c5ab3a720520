using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HighPerf.Caching.Redis;

/// <summary>
/// The parser behind <see cref="RedisConnectionOptions.Parse"/>: Redis URLs
/// (<c>scheme://[[user]:password@]host[:port][/db][?name=value&amp;...]</c>) and StackExchange.Redis strings
/// (<c>host[:port],name=value,...</c>).
/// <para>
/// Error messages quote the text at fault so a typo is easy to find, except where that text could hold the
/// password: in a URL anything between <c>://</c> and the last <c>@</c>, in a StackExchange.Redis string anything
/// from the first <c>password=</c> on (a password with a comma in it spills into the following items).
/// </para>
/// </summary>
internal sealed partial class RedisConnectionString
{
    private const string SchemeSeparator = "://";
    private const string Hidden = "(not shown, as it may hold the password)";

    /// <summary>What a host name (RFC 1123, plus '_' which some DNS names carry) or IPv4 address is made of.</summary>
    private static readonly SearchValues<char> _hostCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    private readonly string _text;
    private readonly int _secretStart;
    private readonly int _secretEnd;

    private RedisConnectionString(string text, int secretStart, int secretEnd)
    {
        _text = text;
        _secretStart = secretStart;
        _secretEnd = secretEnd;
    }

    /// <inheritdoc cref="RedisConnectionOptions.Parse"/>
    public static RedisConnectionOptions Parse(string connectionString)
    {
        var text = connectionString.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("The Redis connection string is empty.");
        }

        var schemeEnd = text.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var options = schemeEnd > 0 && (comma < 0 || schemeEnd < comma)
            ? ParseUrl(text, schemeEnd)
            : ParseStackExchange(text);

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            // Validate's messages never carry the password.
            throw new FormatException($"The Redis connection string gives invalid options: {e.Message}", e);
        }

        return options;
    }

    /// <summary><c>host</c>, <c>host:port</c>, <c>[ipv6]</c> or <c>[ipv6]:port</c>.</summary>
    private void ReadEndpoint(RedisConnectionOptions options, int start, int end)
    {
        if (start == end)
        {
            throw Fail("names no host");
        }

        int portStart;
        if (_text[start] == '[')
        {
            var close = _text.IndexOf(']', start, end - start);
            if (close < 0)
            {
                throw Fail($"has an IPv6 host {Show(start, end)} without its closing ']'");
            }

            var address = Decode(start + 1, close, "IPv6 host");
            if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Fail($"has {Show(start, close + 1)} in brackets, which is not an IPv6 address");
            }

            options.Host = address;
            if (close + 1 == end)
            {
                return;
            }

            if (_text[close + 1] != ':')
            {
                throw Fail($"has {Show(close + 1, end)} after the IPv6 host where only ':port' may follow");
            }

            portStart = close + 2;
        }
        else
        {
            var colon = _text.IndexOf(':', start, end - start);
            if (colon >= 0 && _text.IndexOf(':', colon + 1, end - colon - 1) >= 0)
            {
                throw Fail($"has the host {Show(start, end)} with more than one ':'; an IPv6 address goes in brackets, as in [::1]:6379");
            }

            var hostEnd = colon < 0 ? end : colon;
            if (hostEnd == start)
            {
                throw Fail("names no host");
            }

            if (_text.AsSpan(start, hostEnd - start).ContainsAnyExcept(_hostCharacters))
            {
                throw Fail($"has the host {Show(start, hostEnd)}, which holds characters no host name or IPv4 address has");
            }

            options.Host = _text[start..hostEnd];
            if (colon < 0)
            {
                return;
            }

            portStart = colon + 1;
        }

        options.Port = ReadPort(portStart, end);
    }

    private int ReadPort(int start, int end)
    {
        if (!int.TryParse(_text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw Fail($"has the port {Show(start, end)}, which is not a number from 1 to 65535");
        }

        return port;
    }

    private int ReadDatabase(int start, int end, string what)
    {
        if (!int.TryParse(_text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var database))
        {
            throw Fail($"has the {what} {Show(start, end)}, which is not a database number (0 or more)");
        }

        return database;
    }

    private string ClientName(string name, int start, int end) =>
        RedisConnectionOptions.IsValidClientName(name)
            ? name
            : throw Fail($"has the client name {Show(start, end)}, which is not printable ASCII without spaces");

    private string TlsHost(string host, int start, int end) =>
        host.Length > 0 && !host.AsSpan().ContainsAnyExcept(_hostCharacters)
            ? host
            : throw Fail($"has the TLS host name {Show(start, end)}, which is not a host name");

    private TimeSpan Milliseconds(int start, int end, string what) =>
        int.TryParse(_text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw Fail($"has {what}={Show(start, end)}; it takes whole milliseconds from 1 to {int.MaxValue}");

    private int Protocol(int start, int end)
    {
        var value = _text.AsSpan(start, end - start);
        return value switch
        {
            "2" => 2,
            "3" => 3,
            _ when value.Equals("resp2", StringComparison.OrdinalIgnoreCase) => 2,
            _ when value.Equals("resp3", StringComparison.OrdinalIgnoreCase) => 3,
            _ => throw Fail($"has protocol={Show(start, end)}; it takes 2 or 3 (or resp2, resp3)"),
        };
    }

    private bool Boolean(int start, int end, string what)
    {
        var value = _text.AsSpan(start, end - start);
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return value.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw Fail($"has {what}={Show(start, end)}; it takes true or false");
    }

    /// <summary><c>'text'</c> for the part of the string at fault, or a placeholder where it may hold the password.</summary>
    private string Show(int start, int end) =>
        start < _secretEnd && end > _secretStart
            ? Hidden
            : $"'{_text[start..end]}'";

    private static FormatException Fail(string problem) => new($"The Redis connection string {problem}.");

    private static bool Is(ReadOnlySpan<char> key, string name) => key.Equals(name, StringComparison.OrdinalIgnoreCase);
}
