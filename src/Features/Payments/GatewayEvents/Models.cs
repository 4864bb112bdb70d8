using FluentValidation;
using FastEndpoints;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Payments.GatewayEvents;

public sealed class Request
{
    /// <summary>received, applied, ignored or rejected; all when absent.</summary>
    [QueryParam]
    public string? Status { get; set; }

    [QueryParam]
    public string? Gateway { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public static readonly Dictionary<string, GatewayEventVerdict> Verdicts =
        Enum.GetValues<GatewayEventVerdict>().ToDictionary(v => SnakeCaseEnums.ToSnakeCase(v), v => v);

    public Validator() =>
        RuleFor(r => r.Status).Must(s => s is null || Verdicts.ContainsKey(s))
            .WithMessage($"Status must be one of: {string.Join(", ", Verdicts.Keys)}.");
}

public sealed record EventView(long EventId, string Gateway, string Source, Instant ReceivedAt, string? OrderId,
    string? TransactionId, string? TransactionStatus, string Verdict, string? Reason, int? PaymentId, string Body)
{
    public static EventView From(GatewayEvent e) =>
        new(e.Id, e.Gateway, SnakeCaseEnums.ToSnakeCase(e.Source), e.ReceivedAt, e.OrderId, e.TransactionId,
            e.TransactionStatus, SnakeCaseEnums.ToSnakeCase(e.Verdict), e.Reason, e.PaymentId, e.Body);
}
