using FastEndpoints;
using FluentValidation;

namespace MikroNet.Features.Users.SetPassword;

public sealed class Request
{
    public int Id { get; set; }
    public string Password { get; set; } = "";
}

public sealed class Validator : Validator<Request>
{
    public Validator() => RuleFor(r => r.Password).Password();
}
