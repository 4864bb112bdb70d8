using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Payments.Gateways;

namespace MikroNet.Features.Payments.CreateLink;

public sealed class Request
{
    public int Id { get; set; }
    public string? Gateway { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator() =>
        RuleFor(r => r.Gateway).NotEmpty().Must(g => g is null or Midtrans.GatewayName or Xendit.GatewayName)
            .WithMessage("Gateway must be midtrans or xendit.");
}
