namespace HighPerf.Testing;

/// <summary>
/// How <see cref="RedisServer.StartAsync(RedisServerSettings, CancellationToken)"/> sets up its server. The
/// server keeps these across <see cref="RedisServer.KillAsync"/> and <see cref="RedisServer.StartAgainAsync"/>.
/// </summary>
public sealed class RedisServerSettings
{
    /// <summary>
    /// The password of the <c>default</c> user (<c>--requirepass</c>); clients must AUTH before any other
    /// command. <see langword="null"/> (the default) starts a server without one. Must not be empty.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>
    /// Whether the server speaks only TLS, with a certificate for <c>127.0.0.1</c> and <c>localhost</c> from a
    /// private CA generated for it (see <see cref="RedisServer.CaCertificate"/>); default <see langword="false"/>.
    /// Clients need not present certificates of their own.
    /// </summary>
    public bool Tls { get; init; }
}
