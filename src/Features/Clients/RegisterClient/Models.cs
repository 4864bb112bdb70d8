using FastEndpoints;
using FluentValidation;
using NodaTime;

namespace MikroNet.Features.Clients.RegisterClient;

public sealed class Request
{
    public string? Name { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Address { get; set; }
    public string? PppSecretName { get; set; }
    public string? PppPassword { get; set; }
    public int? RouterId { get; set; }
    public int? PlanId { get; set; }
    public LocalDate? StartDate { get; set; }
    public bool? AutoRenew { get; set; }

    /// <summary>A one-off installation charge, billed on the first invoice (needs a plan).</summary>
    public decimal? InstallationFee { get; set; }

    /// <summary>Where e-mail messages go (optional).</summary>
    public string? Email { get; set; }

    /// <summary>Channels to be told on (email, whatsapp, sms); left out = Notifications:DefaultChannels.</summary>
    public List<string>? NotificationChannels { get; set; }

    /// <summary>true: the client is sent no message.</summary>
    public bool? NotificationsOptOut { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).ClientName();
        RuleFor(r => r.PhoneNumber).PhoneNumber();
        RuleFor(r => r.Address).Address();
        RuleFor(r => r.PppSecretName).PppSecretName();
        RuleFor(r => r.PppPassword).PppPassword();
        RuleFor(r => r.RouterId).NotNull().GreaterThan(0);
        RuleFor(r => r.Email).Email();
        RuleFor(r => r.NotificationChannels).NotificationChannels();
        RuleFor(r => r.PlanId).GreaterThan(0);
        RuleFor(r => r.StartDate).Null().When(r => r.PlanId is null)
            .WithMessage("start_date needs a plan_id: it is the start of the first subscription period.");
        RuleFor(r => r.InstallationFee).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.InstallationFee).Null().When(r => r.PlanId is null)
            .WithMessage("installation_fee needs a plan_id: it is billed on the first invoice.");
    }
}
