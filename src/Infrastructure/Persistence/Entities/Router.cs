using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class Router
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Host { get; set; }
    public int Port { get; set; }
    public bool UseTls { get; set; }
    public required string Username { get; set; }

    /// <summary>Data Protection ciphertext; the plain password never reaches the database.</summary>
    public required string PasswordProtected { get; set; }

    /// <summary>SHA-256 fingerprint of a self-signed router certificate that is trusted anyway.</summary>
    public string? TlsFingerprint { get; set; }

    /// <summary>Text encoding of API words; null means UTF-8.</summary>
    public string? Encoding { get; set; }

    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}
