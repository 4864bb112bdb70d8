using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Clients;
using MikroNet.Features.Clients.ClientDetails;
using MikroNet.Features.Common;
using MikroNet.Features.Payments;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ClientDetailsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Details_ExistingClient_ReturnsSeedShape()
    {
        var router = await app.Api.AddRouterAsync("details-router");
        var id = await app.Api.AddClientAsync(router, "detail");

        var response = await app.Api.ClientDetailsAsync(id);

        response.Status.ShouldBe(200);
        response.MediaType.ShouldBe("application/json");
        response.ContentHeaders.ContentLength.ShouldBe(response.Bytes.Length);
        response.PropertyNames("data").ShouldInclude("client", "subscriptions");
        response.PropertyNames("data", "client")
            .ShouldInclude("client_id", "name", "phone_number", "address", "ppp_secret_name", "provisioning");
        response.PropertyNames("data", "client", "provisioning").ShouldInclude("state", "last_error");
        response.Data.Subscriptions.ShouldBeEmpty();
    }

    /// <summary>
    /// More requests at once than the pool has connections (4 per CPU, at least 8), unknown clients among them: their
    /// statements go to PostgreSQL in batches (ReadBatches) and each request gets its own answer, in its order.
    /// </summary>
    [Fact]
    public async Task Details_ManyAtOnce_EachGetsItsOwnAnswer()
    {
        var router = await app.Api.AddRouterAsync();
        var id = await app.Api.AddClientAsync(router, "many");
        var other = await app.Api.AddClientAsync(router, "other");
        var first = await app.Api.ClientDetailsAsync(id);
        var second = await app.Api.ClientDetailsAsync(other);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => app.Api.ClientDetailsAsync(i % 4 == 0 ? 424242 : i % 4 == 1 ? other : id)));

        for (var i = 0; i < answers.Length; i++)
        {
            answers[i].Status.ShouldBe(i % 4 == 0 ? 404 : 200);
            if (i % 4 != 0) answers[i].Text.ShouldBe(i % 4 == 1 ? second.Text : first.Text);
        }
    }

    [Fact]
    public async Task Details_UnknownClient_Returns404()
    {
        var response = await app.Api.ClientDetailsAsync(424242);
        response.Status.ShouldBe(404);
        response.Problem.Status.ShouldBe(404);
    }

    [Fact]
    public async Task Details_DeletedClient_Returns404()
    {
        var id = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());
        (await app.Api.DeleteClientAsync(id)).Status.ShouldBe(200);

        (await app.Api.ClientDetailsAsync(id)).Status.ShouldBe(404);
    }

    /// <summary>
    /// PostgreSQL writes the answer (Sql.Details); the documented records are its shape. Every kind of row, odd text and
    /// instants with and without fractions: the answer equals, as JSON, the records filled from the rows and serialized
    /// with the API's settings.
    /// </summary>
    [Fact]
    public async Task Details_ClientWithEveryKindOfRow_EqualsTheRecordsSerialized()
    {
        var id = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(),
            start: new LocalDate(2026, 11, 1));
        await using (var db = app.Db())
        {
            var client = await db.Clients.Include(c => c.Subscriptions).ThenInclude(s => s.Invoices).SingleAsync(c => c.Id == id);
            client.Name = "Ñoño \"O'Brien\" <b>&amp; 山田 😀 \\ /";
            client.Address = "Jl. Tab\u00a0Spasi, RT 01/RW 02";
            client.Email = "ñ@example.id";
            client.NotificationChannels = ["whatsapp", "email"];
            client.IsolatedAt = Instant.FromUtc(2026, 11, 20, 1, 2, 3).PlusNanoseconds(500_000_000);
            client.CreatedAt = Instant.FromUtc(2026, 1, 2, 3, 4, 5);
            client.UpdatedAt = Instant.FromUtc(2026, 11, 26, 23, 59, 59).PlusNanoseconds(123_456_000);
            client.ProvisioningError = "timeout: router \"r1\" unreachable";
            var invoice = client.Subscriptions.Single().Invoices.Single();
            invoice.Lines.Add(new InvoiceLine { Position = 90, Kind = InvoiceLineKind.Charge, Description = "Pasang ulang — kabel 5 m", Amount = 25_000.5m, Taxable = false, CreatedAt = client.CreatedAt });
            invoice.Payments.Add(new Payment { Amount = 1_000m, PaymentDate = new LocalDate(2026, 11, 3), PaymentMethod = PaymentMethod.EWallet, Status = PaymentStatus.Success, Reference = "ref/1", CreatedAt = client.CreatedAt });
            invoice.Payments.Add(new Payment { Amount = 2_000m, PaymentDate = new LocalDate(2026, 11, 4), PaymentMethod = PaymentMethod.Other, Status = PaymentStatus.Refunded, Gateway = "xendit", GatewayMethod = "EWALLET", CreatedAt = client.CreatedAt });
            invoice.Payments.Add(new Payment { Amount = 0.01m, PaymentDate = new LocalDate(2026, 11, 5), PaymentMethod = PaymentMethod.Other, Status = PaymentStatus.Success, Gateway = "midtrans", CreatedAt = client.CreatedAt });
            invoice.PaymentLinks.Add(new PaymentLink { Gateway = "midtrans", ExternalId = "ext-1", GatewayReference = "g-1", Url = "https://pay.example/x?a=1&b=<2>", Amount = 150_000m, Status = PaymentLinkStatus.Expired, ExpiresAt = Instant.FromUtc(2026, 11, 30, 0, 0).PlusNanoseconds(10_000), CreatedAt = client.CreatedAt, UpdatedAt = client.CreatedAt });
            invoice.CreditNotes.Add(new CreditNote { Number = "CN-2026-000001", NumberYear = 2026, NumberSequence = 1, ClientId = id, Amount = 5_000m, AppliedToInvoice = 4_000m, ToClientCredit = 1_000m, Reason = "Gangguan 3 hari — maaf", CreatedAt = Instant.FromUtc(2026, 11, 10, 8, 0, 0).PlusNanoseconds(100_000_000) });
            await db.SaveChangesAsync();
        }

        var response = await app.Api.ClientDetailsAsync(id);

        response.Status.ShouldBe(200, response.Text);
        var expected = JsonSerializer.SerializeToNode(
            new Envelope<Response>("Client details retrieved successfully", await RecordsOfAsync(id)), Json.Options);
        JsonNode.DeepEquals(JsonNode.Parse(response.Text), expected).ShouldBeTrue($"answer:\n{response.Text}\nrecords:\n{expected}");
        response.Data.Client.Status.ShouldBe("isolated");
        response.Data.Subscriptions.Single().Invoices.Single().Payments.Select(p => p.PaymentMethod)
            .ShouldBe(["e_wallet", "xendit:EWALLET", "midtrans:"]);
    }

    /// <summary>The records filled from the client's rows, the way the API's other answers fill theirs.</summary>
    private async Task<Response> RecordsOfAsync(int id)
    {
        await using var db = app.Db();
        var c = await db.Clients.AsNoTracking().AsSplitQuery()
            .Include(x => x.Subscriptions).ThenInclude(s => s.Invoices).ThenInclude(i => i.Payments)
            .Include(x => x.Subscriptions).ThenInclude(s => s.Invoices).ThenInclude(i => i.PaymentLinks)
            .Include(x => x.Subscriptions).ThenInclude(s => s.Invoices).ThenInclude(i => i.Lines)
            .Include(x => x.Subscriptions).ThenInclude(s => s.Invoices).ThenInclude(i => i.CreditNotes)
            .SingleAsync(x => x.Id == id);
        return new Response(ClientView.From(c), c.Subscriptions.OrderBy(s => s.StartDate).ThenBy(s => s.Id).Select(s =>
            new SubscriptionView(s.Id, s.PlanId, s.StartDate, s.EndDate, s.Price, SnakeCaseEnums.ToSnakeCase(s.Status),
                s.Invoices.OrderBy(i => i.Id).Select(i => new InvoiceView(i.Id, i.Number, i.InvoiceDate, i.DueDate,
                    i.NetAmount, i.TaxAmount, i.TotalAmount, i.AmountPaid, i.Balance, SnakeCaseEnums.ToSnakeCase(i.Status),
                    i.Lines.OrderBy(l => l.Position).ThenBy(l => l.Id)
                        .Select(l => new InvoiceLineView(SnakeCaseEnums.ToSnakeCase(l.Kind), l.Description, l.Amount, l.Taxable)).ToList(),
                    i.Payments.OrderBy(p => p.Id).Select(PaymentView.From).ToList(),
                    i.PaymentLinks.OrderBy(l => l.Id).Select(PaymentLinkView.From).ToList(),
                    i.CreditNotes.OrderBy(n => n.Id).Select(MikroNet.Features.Billing.CreditInvoice.CreditNoteView.From).ToList())).ToList())).ToList());
    }
}
