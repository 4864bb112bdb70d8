using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Payments;

public sealed record PaymentLinkView(string Gateway, string Url, string ExternalId, decimal Amount, string Status,
    Instant ExpiresAt)
{
    public static PaymentLinkView From(PaymentLink l) =>
        new(l.Gateway, l.Url, l.ExternalId, l.Amount, SnakeCaseEnums.ToSnakeCase(l.Status), l.ExpiresAt);
}
