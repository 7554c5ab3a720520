using System.Globalization;
using System.Text;
using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.ConnectionOptions;

/// <summary>
/// Writes options back as connection strings, for the round-trip properties: the test's own idea of the grammar,
/// kept apart from the parser so the two check each other.
/// </summary>
internal static class TestConnectionStrings
{
    /// <summary>How a URL spells what has more than one spelling.</summary>
    /// <param name="Valkey">valkey:// rather than redis://.</param>
    /// <param name="ClientNameKey">clientName, client_name or name, in any case.</param>
    /// <param name="TlsHostKey">tlsHost or sni, in any case.</param>
    /// <param name="WriteDefaults">Whether to write the port, database and protocol even when they are the defaults.</param>
    internal sealed record Spelling(bool Valkey, string ClientNameKey, string TlsHostKey, bool WriteDefaults);

    public static string Url(RedisConnectionOptions options, Spelling spelling)
    {
        var url = new StringBuilder();
        url.Append(spelling.Valkey ? "valkey" : "redis").Append(options.UseTls ? "s" : string.Empty).Append("://");
        if (options.User is not null || options.Password is not null)
        {
            url.Append(Uri.EscapeDataString(options.User ?? string.Empty)).Append(':')
                .Append(Uri.EscapeDataString(options.Password ?? string.Empty)).Append('@');
        }

        url.Append(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host);
        if (options.Port != 6379 || spelling.WriteDefaults)
        {
            url.Append(CultureInfo.InvariantCulture, $":{options.Port}");
        }

        if (options.Database != 0 || spelling.WriteDefaults)
        {
            url.Append(CultureInfo.InvariantCulture, $"/{options.Database}");
        }

        var query = new List<string>();
        if (options.ClientName is { } name)
        {
            query.Add($"{spelling.ClientNameKey}={Uri.EscapeDataString(name)}");
        }

        if (options.ConnectTimeout != TimeSpan.FromSeconds(5))
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"connectTimeout={(long)options.ConnectTimeout.TotalMilliseconds}"));
        }

        if (options.CommandTimeout != TimeSpan.FromSeconds(5))
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"commandTimeout={(long)options.CommandTimeout.TotalMilliseconds}"));
        }

        if (options.Protocol != 3 || spelling.WriteDefaults)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"protocol={options.Protocol}"));
        }

        if (options.TlsHost is { } tlsHost)
        {
            query.Add($"{spelling.TlsHostKey}={tlsHost}");
        }

        if (query.Count > 0)
        {
            url.Append('?').AppendJoin('&', query);
        }

        return url.ToString();
    }

    /// <summary>The StackExchange.Redis form; values are not escaped there, so the caller keeps commas out of them.</summary>
    public static string StackExchange(RedisConnectionOptions options)
    {
        List<string> items = [options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]:{options.Port}" : $"{options.Host}:{options.Port}"];
        if (options.Password is { } password)
        {
            items.Add("password=" + password);
        }

        if (options.User is { } user)
        {
            items.Add("user=" + user);
        }

        items.Add(options.UseTls ? "ssl=true" : "ssl=false");
        items.Add(string.Create(CultureInfo.InvariantCulture, $"defaultDatabase={options.Database}"));
        if (options.ClientName is { } name)
        {
            items.Add("name=" + name);
        }

        items.Add(string.Create(CultureInfo.InvariantCulture, $"connectTimeout={(long)options.ConnectTimeout.TotalMilliseconds}"));
        items.Add(string.Create(CultureInfo.InvariantCulture, $"syncTimeout={(long)options.CommandTimeout.TotalMilliseconds}"));
        items.Add(string.Create(CultureInfo.InvariantCulture, $"protocol={options.Protocol}"));
        if (options.TlsHost is { } tlsHost)
        {
            items.Add("sslHost=" + tlsHost);
        }

        return string.Join(',', items);
    }
}
