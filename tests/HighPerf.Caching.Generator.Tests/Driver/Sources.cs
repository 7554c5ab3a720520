namespace HighPerf.Caching.Generator.Tests.Driver;

/// <summary>Inputs shared by the driver tests.</summary>
internal static class Sources
{
    public const string Profile = """
        namespace MyApp;

        public sealed record UserProfile(long Id, string Name);

        public sealed class UserDb
        {
            public ValueTask<UserProfile> LoadAsync(long id, CancellationToken cancellationToken) => new(new UserProfile(id, "n"));

            public UserProfile Load(long id) => new(id, "n");
        }

        """;

    /// <summary>The example: ValueTask, a [NotCacheKey] parameter, a token, a TTL, a prefix and a tag.</summary>
    public const string ValueTaskShape = Profile + """
        public sealed partial class UserService(ICacheStore cache, UserDb db)
        {
            [Cached(Ttl = "00:05:00", KeyPrefix = "user_data", Tags = new[] { "user:{userId}" })]
            public partial ValueTask<UserProfile> GetProfileAsync(long userId, string region, [NotCacheKey] string requestId, CancellationToken cancellationToken);

            private ValueTask<UserProfile> GetProfileCoreAsync(long userId, string region, string requestId, CancellationToken cancellationToken) => db.LoadAsync(userId, cancellationToken);
        }
        """;

    public const string TaskShape = Profile + """
        public sealed partial class UserService
        {
            private readonly ICacheStore _cache;
            private readonly UserDb _db;

            public UserService(ICacheStore cache, UserDb db) => (_cache, _db) = (cache, db);

            [Cached(LocalTtl = "00:00:30")]
            public partial Task<UserProfile> GetProfileAsync(long userId, CancellationToken cancellationToken);

            private async Task<UserProfile> GetProfileCoreAsync(long userId, CancellationToken cancellationToken) => await _db.LoadAsync(userId, cancellationToken);
        }
        """;

    public const string ValueShape = Profile + """
        public sealed partial class UserService(UserDb db)
        {
            public ICacheStore Cache { get; } = null!;

            [Cached(Ttl = "1.00:00:00", LocalTtl = "00:01:00", Tags = new[] { "users", "user:{userId}:{region}" })]
            public partial UserProfile GetProfile(long userId, string? region);

            private UserProfile GetProfileCore(long userId, string? region) => db.Load(userId);
        }
        """;
}
