namespace MikroNet.RouterOs;

/// <summary>Where and how to reach one router.</summary>
/// <param name="TlsFingerprint">SHA-256 of the router's certificate (hex, colons optional); pins a self-signed certificate.</param>
/// <param name="Encoding">Text encoding of words, e.g. <c>windows-1252</c> or <c>latin1</c>; UTF-8 when null.</param>
public sealed record RouterEndpoint(
    string Host,
    int Port,
    bool UseTls,
    string Username,
    string Password,
    string? TlsFingerprint = null,
    string? Encoding = null)
{
    public const int DefaultPort = 8728;
    public const int DefaultTlsPort = 8729;

    /// <summary>Hides the password, because endpoints end up in logs and exception messages.</summary>
    public override string ToString() =>
        $"{Username}@{Host}:{Port}{(UseTls ? " (tls)" : string.Empty)}";
}
