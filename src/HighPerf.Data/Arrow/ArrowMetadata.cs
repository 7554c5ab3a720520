using System.Collections.ObjectModel;

namespace HighPerf.Data.Arrow;

/// <summary>Key/value metadata kept in the order it was written (the IPC format and the C Data Interface keep a list).</summary>
internal static class ArrowMetadata
{
    internal static IReadOnlyDictionary<string, string> Empty { get; } = new ReadOnlyDictionary<string, string>(new OrderedDictionary<string, string>(StringComparer.Ordinal));

    internal static IReadOnlyDictionary<string, string> From(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs is null)
        {
            return Empty;
        }

        var ordered = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(pairs));
            ArgumentNullException.ThrowIfNull(value, nameof(pairs));
            ordered[key] = value;
        }

        return ordered.Count == 0 ? Empty : new ReadOnlyDictionary<string, string>(ordered);
    }
}
