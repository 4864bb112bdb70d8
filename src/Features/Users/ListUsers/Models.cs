using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Common;

namespace MikroNet.Features.Users.ListUsers;

public sealed class Request
{
    /// <summary>Users with a larger id than this (the previous page's next_after).</summary>
    [QueryParam]
    public long? After { get; set; }

    [QueryParam]
    public int? Limit { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Page<UserView>.MaxLimit);
}
