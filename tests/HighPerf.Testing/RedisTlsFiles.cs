using System.Security.Cryptography.X509Certificates;

namespace HighPerf.Testing;

/// <summary>
/// The PEM files a TLS redis-server reads (<c>ca.crt</c>, <c>server.crt</c>, <c>server.key</c>), from a private
/// CA made for that one server. They live in the server's folder, so a restart after a kill reuses them and
/// clients that trust <see cref="CaCertificate"/> keep trusting the server.
/// </summary>
internal sealed class RedisTlsFiles
{
    public const string CaFileName = "ca.crt";
    public const string CertificateFileName = "server.crt";
    public const string KeyFileName = "server.key";

    private RedisTlsFiles(string folder, X509Certificate2 caCertificate)
    {
        CaPath = Path.Combine(folder, CaFileName);
        CertificatePath = Path.Combine(folder, CertificateFileName);
        KeyPath = Path.Combine(folder, KeyFileName);
        CaCertificate = caCertificate;
    }

    /// <summary>The CA's certificate without its private key, which no one needs once the server's is signed.</summary>
    public X509Certificate2 CaCertificate { get; }

    public string CaPath { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>redis-server's arguments for TLS only: no plain port, TLS on <paramref name="port"/>, no client certificates.</summary>
    public IEnumerable<string> ServerArguments(string port) =>
    [
        "--port", "0",
        "--tls-port", port,
        "--tls-cert-file", CertificatePath,
        "--tls-key-file", KeyPath,
        "--tls-ca-cert-file", CaPath,
        "--tls-auth-clients", "no",
    ];

    /// <summary>Makes a CA and a server certificate and writes them to <paramref name="folder"/>.</summary>
    public static RedisTlsFiles Create(string folder)
    {
        using var authority = TestCertificates.CreateAuthority($"HighPerf test CA {Guid.NewGuid():N}");
        var (certificate, key) = TestCertificates.CreateServerCertificate(authority);
        using (certificate)
        using (key)
        {
            var files = new RedisTlsFiles(folder, X509CertificateLoader.LoadCertificate(authority.RawData));
            File.WriteAllText(files.CaPath, authority.ExportCertificatePem() + "\n");
            File.WriteAllText(files.CertificatePath, certificate.ExportCertificatePem() + "\n");
            WritePrivateFile(files.KeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
            return files;
        }
    }

    /// <summary>Writes a file only its owner can read: the server runs as us, and the key is nobody else's business.</summary>
    private static void WritePrivateFile(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(contents);
    }
}
