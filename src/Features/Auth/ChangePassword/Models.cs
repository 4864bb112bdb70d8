using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Users;

namespace MikroNet.Features.Auth.ChangePassword;

public sealed class Request
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty();
        RuleFor(r => r.NewPassword).Password()
            .NotEqual(r => r.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}
