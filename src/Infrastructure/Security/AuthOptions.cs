using System.ComponentModel.DataAnnotations;

namespace MikroNet.Infrastructure.Security;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "mikronet";
    public const string Audience = "mikronet";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. Generated into the data folder in Development when empty.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts allowed per client address per minute.</summary>
    [Range(1, 100_000)]
    public int LoginPermitsPerMinute { get; set; } = 10;
}
