using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>An issued bearer token, kept so that logout can revoke it before it expires.</summary>
public sealed class UserToken
{
    public Guid Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public Instant IssuedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public Instant? RevokedAt { get; set; }
}
