using FastEndpoints;
using FluentValidation;

namespace MikroNet.Features.Clients.UpdateClient;

/// <summary>Fields left out (null) keep their value, as the seed's update did.</summary>
public sealed class Request
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Address { get; set; }
    public string? PppSecretName { get; set; }
    public string? PppPassword { get; set; }
    public int? RouterId { get; set; }
    public int? PlanId { get; set; }
    public bool? AutoRenew { get; set; }

    /// <summary>An empty text removes the address.</summary>
    public string? Email { get; set; }

    /// <summary>An empty list: the client is told on no channel (opting out says so more clearly).</summary>
    public List<string>? NotificationChannels { get; set; }
    public bool? NotificationsOptOut { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).ClientName().When(r => r.Name is not null);
        RuleFor(r => r.PhoneNumber).PhoneNumber().When(r => r.PhoneNumber is not null);
        RuleFor(r => r.Address).Address().When(r => r.Address is not null);
        RuleFor(r => r.PppSecretName).PppSecretName().When(r => r.PppSecretName is not null);
        RuleFor(r => r.PppPassword).PppPassword().When(r => r.PppPassword is not null);
        RuleFor(r => r.RouterId).GreaterThan(0);
        RuleFor(r => r.PlanId).GreaterThan(0);
        RuleFor(r => r.Email).Email().When(r => r.Email is { Length: > 0 });
        RuleFor(r => r.NotificationChannels).NotificationChannels();
    }
}
