using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using NodaTime;

namespace MikroNet.Features.Audit.ListAudit;

public sealed class Request
{
    /// <summary>client, invoice, router, plan, user, subscription, …</summary>
    [QueryParam]
    public string? Entity { get; set; }

    /// <summary>The entity's id (with entity).</summary>
    [QueryParam]
    public string? Id { get; set; }

    /// <summary>A user id or username.</summary>
    [QueryParam]
    public string? Actor { get; set; }

    /// <summary>client.updated, payment.recorded, user.updated, …</summary>
    [QueryParam]
    public string? Action { get; set; }

    /// <summary>From this instant (inclusive), e.g. 2026-11-25T00:00:00Z.</summary>
    [QueryParam]
    public Instant? From { get; set; }

    /// <summary>Before this instant (exclusive).</summary>
    [QueryParam]
    public Instant? To { get; set; }

    /// <summary>Rows older than this audit id (the previous page's next_after).</summary>
    [QueryParam]
    public long? After { get; set; }

    [QueryParam]
    public int? Limit { get; set; }

    public AuditFilter Filter() =>
        new(Entity, Id, Actor, Action, From, To, After, Limit ?? Page<AuditView>.DefaultLimit);
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Entity).MaximumLength(Limits.Name);
        RuleFor(r => r.Id).MaximumLength(Limits.Name);
        RuleFor(r => r.Actor).MaximumLength(Limits.Name);
        RuleFor(r => r.Action).MaximumLength(Limits.Name);
        RuleFor(r => r.Limit).InclusiveBetween(1, Page<AuditView>.MaxLimit);
        RuleFor(r => r.To).GreaterThan(r => r.From).When(r => r.From is not null && r.To is not null)
            .WithMessage("to must be after from.");
    }
}
