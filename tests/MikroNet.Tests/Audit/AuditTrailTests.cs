using System.Text.Json;
using MikroNet.Features.Audit;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Audit;

public sealed class AuditTrailTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Audit_InPages_NewestFirstWithoutGapsOrRepeats()
    {
        for (var i = 0; i < 5; i++) await app.Api.AddRouterAsync();
        var all = (await app.Api.AuditAsync("limit=500")).Expect(200).Data.Items;
        var seen = new List<long>();
        long? after = null;
        do
        {
            var page = (await app.Api.AuditAsync("limit=2" + (after is null ? "" : $"&after={after}"))).Expect(200).Data;
            seen.AddRange(page.Items.Select(a => a.AuditId));
            after = page.NextAfter;
        } while (after is not null);

        seen.ShouldBe(all.Select(a => a.AuditId).ToList());
        seen.ShouldBe(seen.OrderDescending().ToList());
    }

    [Fact]
    public async Task Audit_Filters_SelectByEntityIdActorActionAndTime()
    {
        var router = await app.Api.AddRouterAsync();
        var cashier = Api.Unique("till");
        var cashierId = await app.Api.AddUserAsync(cashier, "cashier-pass-1", "cashier");
        var admin = (await app.Api.AuditAsync($"entity=router&id={router}")).Expect(200).Data.Items.ShouldHaveSingleItem();
        admin.Action.ShouldBe("router.registered");
        admin.Actor.ShouldBe(AppFixture.AdminUser);

        (await app.Api.AuditAsync($"actor={AppFixture.AdminUser.ToUpperInvariant()}&entity=user&id={cashierId}"))
            .Expect(200).Data.Items.ShouldHaveSingleItem().Action.ShouldBe("user.registered");
        (await app.Api.AuditAsync($"actor={admin.ActorId}&action=router.registered&id={router}"))
            .Expect(200).Data.Items.ShouldHaveSingleItem();
        (await app.Api.AuditAsync($"actor={cashier}")).Expect(200).Data.Items.ShouldBeEmpty();

        var at = admin.At;
        (await app.Api.AuditAsync($"entity=router&id={router}&from={at}&to={at + Duration.FromSeconds(1)}"))
            .Expect(200).Data.Items.ShouldHaveSingleItem();
        (await app.Api.AuditAsync($"entity=router&id={router}&to={at}")).Expect(200).Data.Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("after=x")]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z")]
    public async Task Audit_BadQuery_Returns400(string query) =>
        (await app.Api.AuditAsync(query)).Status.ShouldBe(400);

    [Fact]
    public async Task Audit_Payment_NamesTheCashierWhoRecordedIt()
    {
        var plan = await app.Api.AddPlanAsync(100_000m);
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan);
        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        var cashier = Api.Unique("cash");
        await app.Api.AddUserAsync(cashier, "cashier-pass-1", "cashier");
        var till = app.Api.As(await app.Api.TokenAsync(cashier, "cashier-pass-1"));

        (await till.PayAsync(invoice.InvoiceId, 40_000m)).Expect(201);

        var row = (await app.Api.AuditAsync($"entity=invoice&id={invoice.InvoiceId}&action=payment.recorded"))
            .Expect(200).Data.Items.ShouldHaveSingleItem();
        row.Actor.ShouldBe(cashier);
        row.Data!.Value.GetRawText().ShouldContain("40000");
        // The invoice's status as the API spells it everywhere else, not the enum's number.
        row.Data!.Value.GetProperty("invoice_status").GetString().ShouldBe("partially_paid");
    }

    [Fact]
    public async Task Audit_ClientUpdate_HasBeforeAndAfterOfWhatChangedAndNoPassword()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), password: "old-ppp-secret");
        (await app.Api.UpdateClientAsync(client, new() { Name = "Siti Aminah", PppPassword = "new-ppp-secret" })).Expect(200);

        var row = (await app.Api.AuditAsync($"entity=client&id={client}&action=client.updated"))
            .Expect(200).Data.Items.ShouldHaveSingleItem();
        var data = row.Data!.Value;
        data.GetProperty("before").GetProperty("name").GetString().ShouldBe("Budi Santoso");
        data.GetProperty("after").GetProperty("name").GetString().ShouldBe("Siti Aminah");
        data.GetProperty("after").TryGetProperty("phone_number", out _).ShouldBeFalse("unchanged columns are left out");
        data.GetProperty("changed_secrets").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ppp_password"]);
        data.GetRawText().ShouldNotContain("ppp-secret");
    }

    [Fact]
    public async Task Audit_InvoiceGeneration_IsOneRowNamingTheAdmin()
    {
        var plan = await app.Api.AddPlanAsync();
        await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan, start: new LocalDate(2026, 10, 1));
        var generated = (await app.Api.GenerateInvoicesAsync(new LocalDate(2026, 11, 25))).Expect(200).Data;
        generated.InvoicesRaised.ShouldBeGreaterThan(0);

        var row = (await app.Api.AuditAsync("action=billing.invoices_generated&id=2026-11-25"))
            .Expect(200).Data.Items.ShouldHaveSingleItem();
        row.Actor.ShouldBe(AppFixture.AdminUser);
        row.Data!.Value.GetProperty("invoices_raised").GetInt32().ShouldBe(generated.InvoicesRaised);
    }

    [Fact]
    public async Task AuditLog_GraphQL_PagesForAdminAndIsForbiddenToOthers()
    {
        for (var i = 0; i < 3; i++) await app.Api.AddRouterAsync();
        const string query = "query($after: String) { auditLog(entity: \"router\", first: 2, after: $after) " +
            "{ totalCount pageInfo { hasNextPage endCursor } nodes { auditId action actor entity entityId data } } }";
        var rest = (await app.Api.AuditAsync("entity=router&limit=500")).Expect(200).Data.Items.Select(a => a.AuditId).ToList();

        var seen = new List<long>();
        string? after = null;
        while (true)
        {
            var answer = await app.Api.GraphAsync(query, new { after });
            var body = JsonDocument.Parse(answer.Text).RootElement;
            body.TryGetProperty("errors", out _).ShouldBeFalse(answer.Text);
            var log = body.GetProperty("data").GetProperty("auditLog");
            log.GetProperty("totalCount").GetInt32().ShouldBe(rest.Count);
            seen.AddRange(log.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("auditId").GetInt64()));
            var info = log.GetProperty("pageInfo");
            if (!info.GetProperty("hasNextPage").GetBoolean()) break;
            after = info.GetProperty("endCursor").GetString();
        }
        seen.ShouldBe(rest);

        // The same text as the admin's, now in the validated-document cache: the role rule still runs.
        const string same = "{ auditLog { nodes { action } } }";
        (await app.Api.GraphAsync(same)).Text.ShouldContain("router.registered");
        var operatorToken = await app.Api.OperatorTokenAsync(Api.Unique("op"));
        var refused = await app.Api.As(operatorToken).GraphAsync(same);
        refused.FirstErrorCode.ShouldBe("FORBIDDEN");
        refused.Text.ShouldNotContain("router.registered");
        (await app.Api.GraphAsync("{ auditLog(after: \"bm9wZQ==\") { totalCount } }")).FirstErrorCode.ShouldBe("INVALID_CURSOR");
    }
}
