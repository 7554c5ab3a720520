namespace HighPerf.Caching.Redis;

// StackExchange.Redis strings: host[:port],name=value,... with the endpoint anywhere and values taken as written.
internal sealed partial class RedisConnectionString
{
    private static RedisConnectionOptions ParseStackExchange(string text)
    {
        var passwordStart = -1;
        foreach (var item in Items(text))
        {
            var (key, valueStart) = SplitOption(text, item);
            if (valueStart >= 0 && key.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                passwordStart = valueStart;
                break;
            }
        }

        var parser = passwordStart >= 0 ? new RedisConnectionString(text, passwordStart, text.Length) : new RedisConnectionString(text, 0, 0);
        return parser.ReadStackExchange();
    }

    /// <summary>The trimmed, non-empty comma-separated items of a StackExchange.Redis string, as (start, end) in it.</summary>
    private static IEnumerable<(int Start, int End)> Items(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var comma = text.IndexOf(',', start);
            var end = comma < 0 ? text.Length : comma;
            var (trimmedStart, trimmedEnd) = Trim(text, start, end);
            if (trimmedEnd > trimmedStart)
            {
                yield return (trimmedStart, trimmedEnd);
            }

            start = end + 1;
        }
    }

    /// <summary>An item's key (trimmed) and where its value starts; -1 when it has no '='.</summary>
    private static (string Key, int ValueStart) SplitOption(string text, (int Start, int End) item)
    {
        var equals = text.IndexOf('=', item.Start, item.End - item.Start);
        if (equals < 0)
        {
            return (string.Empty, -1);
        }

        var (keyStart, keyEnd) = Trim(text, item.Start, equals);
        return (text[keyStart..keyEnd], Trim(text, equals + 1, item.End).Start);
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private RedisConnectionOptions ReadStackExchange()
    {
        var options = new RedisConnectionOptions();
        (int Start, int End)? endpoint = null;
        foreach (var item in Items(_text))
        {
            var (key, valueStart) = SplitOption(_text, item);
            if (valueStart < 0)
            {
                if (endpoint is not null)
                {
                    throw Fail($"names a second endpoint {Show(item.Start, item.End)}; this client connects to one server (and a password with a comma in it must go in a URL, as %2C)");
                }

                endpoint = item;
                continue;
            }

            ReadStackExchangeOption(options, key, item.Start, valueStart, item.End);
        }

        if (endpoint is not { } found)
        {
            throw Fail("names no endpoint; it should start with host or host:port");
        }

        ReadEndpoint(options, found.Start, found.End);
        return options;
    }

    private void ReadStackExchangeOption(RedisConnectionOptions options, string key, int itemStart, int valueStart, int valueEnd)
    {
        var value = _text[valueStart..valueEnd];
        if (Is(key, "password"))
        {
            options.Password = value.Length == 0 ? null : value;
        }
        else if (Is(key, "user"))
        {
            options.User = value.Length == 0 ? null : value;
        }
        else if (Is(key, "ssl"))
        {
            options.UseTls = Boolean(valueStart, valueEnd, "ssl");
        }
        else if (Is(key, "defaultDatabase"))
        {
            options.Database = ReadDatabase(valueStart, valueEnd, "defaultDatabase");
        }
        else if (Is(key, "name"))
        {
            options.ClientName = ClientName(value, valueStart, valueEnd);
        }
        else if (Is(key, "connectTimeout"))
        {
            options.ConnectTimeout = Milliseconds(valueStart, valueEnd, "connectTimeout");
        }
        else if (Is(key, "syncTimeout"))
        {
            options.CommandTimeout = Milliseconds(valueStart, valueEnd, "syncTimeout");
        }
        else if (Is(key, "sslHost"))
        {
            options.TlsHost = TlsHost(value, valueStart, valueEnd);
        }
        else if (Is(key, "protocol"))
        {
            options.Protocol = Protocol(valueStart, valueEnd);
        }
        else if (Is(key, "abortConnect"))
        {
            // Accepted, and its value checked, because Azure's connection strings carry it; ignored, because
            // ConnectAsync fails when the first connection does and reconnects by itself after that.
            _ = Boolean(valueStart, valueEnd, "abortConnect");
        }
        else
        {
            var keyEnd = _text.IndexOf('=', itemStart);
            throw Fail($"has the unknown option {Show(itemStart, keyEnd)}; it takes password, user, ssl, sslHost, defaultDatabase, " +
                "name, connectTimeout, syncTimeout, protocol and abortConnect");
        }
    }
}
