using MikroNet.Tests.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>The read side asks billing's overdue rule (the invoice_is_overdue function) as of today.</summary>
public sealed class InvoiceOverdueTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Logs in at the fake clock's time: tokens expire by it.</summary>
    private async Task<GqlInvoice> InvoiceAsync(int clientId)
    {
        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        var answer = await app.Api.As(token).GraphAsync(
            "query($c: Int!) { client(clientId: $c) { subscriptions { invoices { invoiceStatus overdue } } } }", new { c = clientId });
        answer.Status.ShouldBe(200, answer.Text);
        return answer.Data.Client!.Subscriptions![0].Invoices![0];
    }

    [Fact]
    public async Task Overdue_PastGraceBeforeAndAfterEnforcementThenPaid_FollowsTheRule()
    {
        await using var travel = await app.TimeTravelAsync();
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(100_000m),
            start: new LocalDate(2026, 11, 25));
        var invoiceId = (await app.Api.InvoicesAsync(client))[0].InvoiceId;

        // Due Dec 4, three grace days: Dec 7 (Jakarta) is still within grace.
        app.SetUtc(2026, 12, 7, 3);
        (await InvoiceAsync(client)).Overdue.ShouldBe(false);

        // Dec 8: overdue by the rule although no enforcement run has marked it yet.
        app.SetUtc(2026, 12, 8, 3);
        var unmarked = await InvoiceAsync(client);
        (unmarked.InvoiceStatus, unmarked.Overdue).ShouldBe(("PENDING", true));

        await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8));
        var marked = await InvoiceAsync(client);
        (marked.InvoiceStatus, marked.Overdue).ShouldBe(("OVERDUE", true));

        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        (await app.Api.As(token).PayAsync(invoiceId, 100_000m)).Status.ShouldBe(201);
        var paid = await InvoiceAsync(client);
        (paid.InvoiceStatus, paid.Overdue).ShouldBe(("PAID", false));
    }
}
