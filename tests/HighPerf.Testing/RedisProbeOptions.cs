using System.Security.Cryptography.X509Certificates;

namespace HighPerf.Testing;

/// <summary>How <see cref="RedisProbe"/> reaches a server: over TLS trusting one CA, and with a password to AUTH with.</summary>
/// <param name="TrustedCa">
/// When set, the probe speaks TLS and trusts this CA alone (not the system's roots), as a client of a
/// <see cref="RedisServer"/> in TLS mode must.
/// </param>
/// <param name="Password">When set, the probe sends <c>AUTH password</c> before the command, on the same connection.</param>
internal sealed record RedisProbeOptions(X509Certificate2? TrustedCa = null, string? Password = null)
{
    /// <summary>Plain TCP, no AUTH.</summary>
    public static RedisProbeOptions Plain { get; } = new();
}
