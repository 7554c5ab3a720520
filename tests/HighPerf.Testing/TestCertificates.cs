using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HighPerf.Testing;

/// <summary>
/// A private certificate authority and server certificates it signs, made with .NET alone (no openssl CLI),
/// for test servers that speak TLS. ECDSA P-256: a key takes microseconds to make where RSA takes tens of
/// milliseconds, and every TLS stack a test meets accepts it.
/// </summary>
internal static class TestCertificates
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    // An hour back absorbs clock skew between the clock here and the one a verifier reads; thirty days
    // outlast any test run by far.
    private static readonly TimeSpan _backdate = TimeSpan.FromHours(1);
    private static readonly TimeSpan _lifetime = TimeSpan.FromDays(30);

    /// <summary>A self-signed CA certificate, with its private key, allowed to sign server certificates only.</summary>
    public static X509Certificate2 CreateAuthority(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now - _backdate, now + _lifetime);
    }

    /// <summary>
    /// A server certificate for <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c> signed by
    /// <paramref name="authority"/>, and its private key.
    /// </summary>
    public static (X509Certificate2 Certificate, ECDsa Key) CreateServerCertificate(X509Certificate2 authority)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build(critical: false));
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
                certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], critical: false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
                authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));

            // Inside the authority's validity, which Create insists on; a minute's margin covers the
            // rounding of its dates to whole seconds.
            var notBefore = new DateTimeOffset(authority.NotBefore.ToUniversalTime()) + TimeSpan.FromMinutes(1);
            var notAfter = new DateTimeOffset(authority.NotAfter.ToUniversalTime()) - TimeSpan.FromMinutes(1);
            var certificate = request.Create(authority, notBefore, notAfter, SerialNumber());
            return (certificate, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>16 random bytes, positive as DER reads them (RFC 5280 wants a positive serial).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
