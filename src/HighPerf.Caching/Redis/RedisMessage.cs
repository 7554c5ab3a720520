namespace HighPerf.Caching.Redis;

/// <summary>A message published to a channel this client subscribed to.</summary>
/// <param name="Channel">The channel it was published on.</param>
/// <param name="Pattern">The pattern that matched, for pattern subscriptions; otherwise <see langword="null"/>.</param>
/// <param name="Payload">The message bytes (the handler owns them).</param>
public readonly record struct RedisMessage(string Channel, string? Pattern, byte[] Payload);
