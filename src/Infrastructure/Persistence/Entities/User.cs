using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class User
{
    public int Id { get; set; }
    public required string Username { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>Set while the user may not sign in; their tokens were revoked when it was set.</summary>
    public Instant? DisabledAt { get; set; }
    public List<UserToken> Tokens { get; set; } = [];
}

public enum UserRole { Admin, Operator, Cashier }
