using System.Buffers;

namespace HighPerf.Sample.Events;

/// <summary>One event as read from a request, by value: what the parser hands to the appender or an INSERT.</summary>
internal struct EventFields
{
    internal long UserId;
    internal int TypeIndex;
    internal decimal? Amount;

    /// <summary>The <c>properties</c> object's JSON text as it came (empty when absent or null).</summary>
    internal ReadOnlySequence<byte> Properties;

    internal bool HasProperties;
    internal DateTimeOffset? CreatedAt;
}
