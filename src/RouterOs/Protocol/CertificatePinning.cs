using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MikroNet.RouterOs.Protocol;

/// <summary>
/// Routers mostly carry self-signed certificates, so a certificate the system does not trust is still accepted
/// when its SHA-256 equals the fingerprint configured for that router; with a fingerprint configured, only that
/// certificate is accepted, so a CA-signed impostor cannot replace it.
/// </summary>
public static class CertificatePinning
{
    public static bool IsAccepted(X509Certificate? certificate, SslPolicyErrors errors, string? pinnedFingerprint)
    {
        if (certificate is null)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(pinnedFingerprint))
        {
            return errors == SslPolicyErrors.None;
        }

        var actual = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return string.Equals(actual, Normalize(pinnedFingerprint), StringComparison.OrdinalIgnoreCase);
    }

    public static string Normalize(string fingerprint) =>
        fingerprint.Replace(":", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
}
