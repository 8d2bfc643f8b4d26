using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AgentOs.Testing;

/// <summary>Self-signed server certificates made in-process (no system trust: verifying clients reject them).</summary>
internal static class TestCertificates
{
    /// <summary>A server certificate for <paramref name="dnsName"/> with a usable private key (re-imported as PFX, as
    /// SslStream on Linux needs).</summary>
    public static X509Certificate2 SelfSigned(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }
}
