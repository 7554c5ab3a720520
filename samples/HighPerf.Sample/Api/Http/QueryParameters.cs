using System.Globalization;

namespace HighPerf.Sample.Api.Http;

/// <summary>Query string values parsed strictly (digits only), so that a malformed one is the client's 400, not the framework's.</summary>
internal static class QueryParameters
{
    /// <summary>Parses <paramref name="text"/> as an integer from <paramref name="min"/> to <paramref name="max"/>; absent means <paramref name="fallback"/>.</summary>
    internal static bool TryParseInt(string? text, int min, int max, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>The error detail for an integer parameter out of range.</summary>
    internal static string Range(string name, int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} must be an integer from {min} to {max}.");
}
