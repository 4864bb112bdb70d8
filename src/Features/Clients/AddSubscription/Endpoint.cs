using MikroNet.Features.Notifications.Queue;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Clients.AddSubscription;

/// <summary>
/// Starts billing for a client registered without a plan: the first period and its invoice, which anchor all
/// later periods. Later periods come from invoice generation, so a client that has periods gets a 409.
/// </summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, IOptions<BillingOptions> billing, Notifier notifier)
    : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/client/{id:int}/subscriptions");
        Summary(s => s.Summary = "Start a client's first subscription period (raises its invoice at once)");
        Description(b => b.Created<Envelope<Response>>().Problems(409, 422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (req.StartDate is { } start && BillingDates.StartDateProblem(start, clock.Today) is { } problem)
            ThrowError(r => r.StartDate!, problem, StatusCodes.Status422UnprocessableEntity);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == req.PlanId, ct);
        if (plan is null)
            ThrowError(r => r.PlanId!, $"Plan {req.PlanId} does not exist.", StatusCodes.Status422UnprocessableEntity);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row lock keeps two concurrent requests from both seeing "no periods yet".
        var client = (await db.Clients.FromSql($"SELECT * FROM clients WHERE id = {req.Id} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (await db.Subscriptions.AnyAsync(s => s.ClientId == client.Id, ct))
            ThrowError("This client already has subscription periods; the next ones are raised by invoice generation.",
                StatusCodes.Status409Conflict);

        var now = clock.Now;
        var today = clock.Today;
        var subscription = await FirstPeriod.AddAsync(db, notifier, client, plan, req.StartDate ?? today, today, billing.Value,
            now, ct);
        var invoice = subscription.Invoices[0];
        db.Audit(User, now, "subscription.created", "subscription", subscription.Id,
            new { client_id = client.Id, plan_id = plan.Id, subscription.StartDate, subscription.EndDate, invoice.Number });
        await db.SaveChangesAsync(ct);
        await FirstPeriod.TaxAsync(db, invoice, billing.Value, now, ct);
        await tx.CommitAsync(ct);

        await Send.ResponseAsync(new Envelope<Response>("Subscription created successfully",
            new Response(subscription.Id, client.Id, plan.Id, subscription.PeriodIndex, subscription.StartDate,
                subscription.EndDate, subscription.Price,
                new InvoiceView(invoice.Id, invoice.Number, invoice.InvoiceDate, invoice.DueDate, invoice.TotalAmount,
                    SnakeCaseEnums.ToSnakeCase(invoice.Status)))),
            StatusCodes.Status201Created, ct);
    }
}
