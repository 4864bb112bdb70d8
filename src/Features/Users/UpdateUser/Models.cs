using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Users.UpdateUser;

/// <summary>Fields left out (null) keep their value.</summary>
public sealed class Request
{
    public int Id { get; set; }

    [EnumValues(typeof(UserRole))]
    public string? Role { get; set; }

    /// <summary>true: the user may not sign in and their tokens stop working at once; false: enabled again.</summary>
    public bool? Disabled { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator() => RuleFor(r => r.Role).Role();
}
