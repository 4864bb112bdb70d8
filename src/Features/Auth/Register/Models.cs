using FastEndpoints;
using FluentValidation;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Features.Common;
using MikroNet.Features.Users;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Auth.Register;

public sealed class Request
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>admin, operator or cashier; defaults to operator (the first user is always admin).</summary>
    [EnumValues(typeof(UserRole))]
    public string? Role { get; set; }
}

public sealed record Response(int UserId, string Username, [property: EnumValues(typeof(UserRole))] string Role);

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Username).NotEmpty().Length(3, Limits.Username)
            .Matches("^[A-Za-z0-9._@-]+$").WithMessage("Username may hold letters, digits and . _ @ - only.");
        RuleFor(r => r.Password).Password();
        RuleFor(r => r.Role).Role();
    }
}
