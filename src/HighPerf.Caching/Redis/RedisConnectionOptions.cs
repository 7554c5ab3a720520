using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HighPerf.Caching.Redis;

/// <summary>
/// Where a <see cref="RedisClient"/> connects and how: endpoint, TLS, credentials, database, timeouts and
/// reconnection. Build one in code or with <see cref="Parse"/> from a connection string. The client copies the
/// options when it connects, so changing them afterwards has no effect on it.
/// </summary>
public sealed class RedisConnectionOptions
{
    /// <summary>The most milliseconds a timeout or delay may have: what timers and <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> take.</summary>
    private const double MaxMilliseconds = int.MaxValue;

    /// <summary>The server's host name or IP address (IPv6 without brackets); default <c>localhost</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>The server's TCP port, 1 to 65535; default 6379, also with TLS.</summary>
    public int Port { get; set; } = 6379;

    /// <summary>Whether to speak TLS; default <see langword="false"/>. <c>rediss://</c> and <c>valkeys://</c> turn it on.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// With TLS, the name the server's certificate must carry, also sent as SNI; <see langword="null"/> (the
    /// default) means <see cref="Host"/>. Set it when connecting by IP address to a server whose certificate names
    /// a host.
    /// </summary>
    public string? TlsHost { get; set; }

    /// <summary>
    /// With TLS, a callback that decides alone whether to accept the server's certificate (the usual checks'
    /// verdict arrives as its <see cref="SslPolicyErrors"/>); <see langword="null"/> (the default) means the system's
    /// validation: a chain to a trusted root, and a name matching <see cref="TlsHost"/> or <see cref="Host"/>.
    /// When set, <see cref="TrustedCertificates"/> is not consulted.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    /// <summary>
    /// With TLS, CA certificates to trust for the server's chain, e.g. a private CA's; when set, the chain must
    /// end at one of these (<see cref="X509ChainTrustMode.CustomRootTrust"/>) instead of a system root, and the
    /// name must still match. <see langword="null"/> (the default) trusts the system's roots. <see cref="Clone"/>
    /// copies the collection but shares the certificates in it.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; set; }

    /// <summary>
    /// The ACL user to authenticate as; <see langword="null"/> (the default) means the <c>default</c> user.
    /// Needs <see cref="Password"/>.
    /// </summary>
    public string? User { get; set; }

    /// <summary>
    /// The password to authenticate with; <see langword="null"/> (the default) skips authentication. Never appears
    /// in exception messages or logs.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>The database to SELECT after connecting, 0 or more; default 0.</summary>
    public int Database { get; set; }

    /// <summary>
    /// The name the connection gives itself (<c>CLIENT SETNAME</c>), shown by <c>CLIENT LIST</c>; printable ASCII
    /// without spaces. <see langword="null"/> (the default) sets none.
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// How long connecting may take: the TCP and TLS handshakes, and the Redis handshake (HELLO, AUTH, SELECT);
    /// default 5 seconds. Positive, at most <see cref="int.MaxValue"/> milliseconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a command may wait for its reply (and for room in the send buffer) before it fails with a timeout;
    /// default 5 seconds. Positive, at most <see cref="int.MaxValue"/> milliseconds.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The RESP protocol version to ask for: 3 (the default; HELLO 3, falling back to 2 on servers without
    /// HELLO) or 2.
    /// </summary>
    public int Protocol { get; set; } = 3;

    /// <summary>
    /// The wait before the first reconnection attempt after the connection is lost; each failed attempt doubles
    /// it up to <see cref="ReconnectMaxDelay"/>. Default 50 milliseconds; positive.
    /// </summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest wait between reconnection attempts; default 5 seconds. At least <see cref="ReconnectMinDelay"/>,
    /// at most <see cref="int.MaxValue"/> milliseconds.
    /// </summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many bytes of commands may wait to be sent before writers wait for the socket to drain; default
    /// 4 MiB (4,194,304 bytes). Positive.
    /// </summary>
    public int MaxPendingBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Reads a connection string: a URL, <c>redis://</c>, <c>rediss://</c> (TLS), <c>valkey://</c> or <c>valkeys://</c>
    /// (TLS), as <c>scheme://[[user]:password@]host[:port][/database][?option=value&amp;...]</c> with options
    /// <c>clientName</c> (or <c>client_name</c>, <c>name</c>), <c>connectTimeout</c> and <c>commandTimeout</c>
    /// (milliseconds), <c>protocol</c> (2 or 3) and <c>tlsHost</c> (or <c>sni</c>); or the StackExchange.Redis form
    /// <c>host[:port],password=...,user=...,ssl=true,defaultDatabase=2,name=...,connectTimeout=ms,syncTimeout=ms</c>.
    /// Whatever the string leaves out keeps its default.
    /// </summary>
    /// <param name="connectionString">The connection string; surrounding white space is ignored.</param>
    /// <returns>New options; they pass validation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The string is malformed or has an unknown scheme or option, or a value out of range. The message names the
    /// part at fault and never contains the password.
    /// </exception>
    public static RedisConnectionOptions Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return RedisConnectionString.Parse(connectionString);
    }

    /// <summary>
    /// A copy that can be changed without touching this one. <see cref="TrustedCertificates"/> becomes a new
    /// collection holding the same certificate objects; the callback is shared.
    /// </summary>
    public RedisConnectionOptions Clone()
    {
        var copy = (RedisConnectionOptions)MemberwiseClone();
        copy.TrustedCertificates = TrustedCertificates is null ? null : [.. TrustedCertificates];
        return copy;
    }

    /// <summary>Checks every value is in range, before a connection attempt fails in a more obscure way.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message says which and why, without the password.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw Invalid(nameof(Host), "must name a host.");
        }

        if (Port is < 1 or > 65535)
        {
            throw Invalid(nameof(Port), $"must be from 1 to 65535; it is {Port}.");
        }

        if (TlsHost is not null && string.IsNullOrWhiteSpace(TlsHost))
        {
            throw Invalid(nameof(TlsHost), "must be null (meaning Host) or name a host.");
        }

        if (User is not null && Password is null)
        {
            // AUTH always takes a password; silently connecting as the default user would be worse.
            throw Invalid(nameof(User), "is set but Password is not; AUTH needs both.");
        }

        if (Database < 0)
        {
            throw Invalid(nameof(Database), $"cannot be negative; it is {Database}.");
        }

        if (ClientName is not null && !IsValidClientName(ClientName))
        {
            throw Invalid(nameof(ClientName), "must be printable ASCII without spaces (CLIENT SETNAME refuses anything else).");
        }

        CheckDuration(ConnectTimeout, nameof(ConnectTimeout));
        CheckDuration(CommandTimeout, nameof(CommandTimeout));
        if (Protocol is not (2 or 3))
        {
            throw Invalid(nameof(Protocol), $"must be 2 or 3; it is {Protocol}.");
        }

        CheckDuration(ReconnectMinDelay, nameof(ReconnectMinDelay));
        CheckDuration(ReconnectMaxDelay, nameof(ReconnectMaxDelay));
        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            throw Invalid(nameof(ReconnectMaxDelay), $"must be at least ReconnectMinDelay ({ReconnectMinDelay}); it is {ReconnectMaxDelay}.");
        }

        if (MaxPendingBytes <= 0)
        {
            throw Invalid(nameof(MaxPendingBytes), $"must be positive; it is {MaxPendingBytes}.");
        }
    }

    /// <summary>What <c>CLIENT SETNAME</c> accepts: characters from '!' to '~'.</summary>
    internal static bool IsValidClientName(string name) =>
        name.Length > 0 && name.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0;

    private static void CheckDuration(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > MaxMilliseconds)
        {
            throw Invalid(name, $"must be positive and at most {MaxMilliseconds} ms; it is {value}.");
        }
    }

    private static ArgumentException Invalid(string property, string problem) =>
        new($"{nameof(RedisConnectionOptions)}.{property} {problem}", property);
}
