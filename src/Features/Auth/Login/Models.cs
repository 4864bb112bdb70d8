using FastEndpoints;
using FluentValidation;
using NodaTime;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Auth.Login;

public sealed class Request
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>token and expires_at also sit at the top level, where the seed's callers read them.</summary>
public sealed record Response(string Message, string Token, Instant ExpiresAt, TokenData Data);

public sealed record TokenData(string Token, string TokenType, Instant ExpiresAt, [property: EnumValues(typeof(UserRole))] string Role);

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Username).NotEmpty();
        RuleFor(r => r.Password).NotEmpty();
    }
}
