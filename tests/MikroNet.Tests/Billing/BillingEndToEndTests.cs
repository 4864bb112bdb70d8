using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>The acceptance path, through REST only.</summary>
public sealed class BillingEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Billing_FullCycleOverRest_RenewsPaysIsolatesAndRestores()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(150_000m);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        var end = new LocalDate(2026, 12, 24);

        // The first period's own invoice (due Dec 4) must be settled, or the client is overdue by the renewal day.
        var first = (await app.Api.InvoicesAsync(client)).ShouldHaveSingleItem();
        first.DueDate.ShouldBe(new LocalDate(2026, 12, 4));
        (await app.Api.PayAsync(first.InvoiceId, 150_000m, key: "e2e-first")).Status.ShouldBe(201);

        (await app.GenerateOnDayAsync(end.PlusDays(-5))).Expect(200).Data.InvoicesRaised.ShouldBe(0);
        var renewal = (await app.GenerateOnDayAsync(end.PlusDays(-4))).Expect(200).Data.Invoices.ShouldHaveSingleItem();
        renewal.ClientId.ShouldBe(client);
        renewal.StartDate.ShouldBe(new LocalDate(2026, 12, 25));
        renewal.EndDate.ShouldBe(new LocalDate(2027, 1, 24));
        renewal.InvoiceDate.ShouldBe(new LocalDate(2026, 12, 20));
        renewal.DueDate.ShouldBe(new LocalDate(2026, 12, 24));
        (await app.GenerateOnDayAsync(end.PlusDays(-4))).Expect(200).Data.InvoicesRaised.ShouldBe(0);

        (await app.Api.PayAsync(renewal.InvoiceId!.Value, 50_000m, key: "e2e-part")).Data.Invoice.InvoiceStatus.ShouldBe("partially_paid");
        (await app.Api.PayAsync(renewal.InvoiceId!.Value, 100_000m, key: "e2e-rest")).Data.Invoice.InvoiceStatus.ShouldBe("paid");

        var subscriptions = (await app.Api.ClientDetailsAsync(client)).Data.Subscriptions;
        subscriptions.Count.ShouldBe(2);
        subscriptions[1].StartDate.ShouldBe(new LocalDate(2026, 12, 25));
        subscriptions[1].Status.ShouldBe("active");
        var paidInvoice = subscriptions[1].Invoices[0];
        paidInvoice.InvoiceStatus.ShouldBe("paid");
        paidInvoice.Payments.Count.ShouldBe(2);
        paidInvoice.Payments[0].PaymentStatus.ShouldBe("success");
        paidInvoice.Payments[0].PaymentMethod.ShouldBe("cash");
        paidInvoice.Payments[0].PaymentDate.ShouldBe(new LocalDate(2026, 11, 25));

        // The third period is raised on Jan 20, 2027 and falls due on Jan 24; grace runs to Jan 27.
        var third = (await app.GenerateOnDayAsync(new LocalDate(2027, 1, 20))).Expect(200).Data.Invoices[0];
        third.Number.ShouldBe("INV-2027-000001");
        (await app.EnforceOnDayAsync(new LocalDate(2027, 1, 27))).Expect(200).Data.ClientsIsolated.ShouldBe(0);
        (await app.EnforceOnDayAsync(new LocalDate(2027, 1, 28))).Expect(200).Data.ClientsIsolated.ShouldBe(1);
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("isolated");
        (await app.GenerateOnDayAsync(new LocalDate(2027, 2, 20))).Expect(200).Data.InvoicesRaised.ShouldBe(0);

        var paid = await app.Api.PayAsync(third.InvoiceId!.Value, 150_000m, key: "e2e-third");
        paid.Status.ShouldBe(201, paid.Text);
        paid.Data.ClientRestored.ShouldBeTrue();
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("active");
    }
}
