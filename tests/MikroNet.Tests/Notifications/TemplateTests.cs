using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;
using Preview = MikroNet.Features.Notifications.Templates.PreviewTemplate;

namespace MikroNet.Tests.Notifications;

public sealed class TemplateTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(int Client, int Invoice, string Number)> InvoiceAsync(string secret)
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), secret);
        request.PlanId = await app.Api.AddPlanAsync(150_000m);
        request.StartDate = new LocalDate(2026, 11, 25);
        var client = (await app.Api.RegisterClientAsync(request)).Expect(201).Data.ClientId;
        var invoice = (await app.Api.InvoicesAsync(client)).ShouldHaveSingleItem();
        return (client, invoice.InvoiceId, invoice.Number);
    }

    [Fact]
    public async Task List_Fresh_ShowsEveryEventChannelAndLanguageWithTheShippedText()
    {
        var templates = (await app.Api.TemplatesAsync()).Expect(200).Data;

        templates.Count.ShouldBe(5 * 3 * 2);
        templates.Select(t => (t.Event, t.Channel, t.Lang)).Distinct().Count().ShouldBe(30);
        templates.Where(t => t.Channel == "email").ShouldAllBe(t => t.Subject != null);
        templates.Where(t => t.Channel != "email").ShouldAllBe(t => t.Subject == null);
        templates.ShouldContain(t => t.Event == "invoice_raised" && t.Lang == "id" && t.Channel == "whatsapp"
            && t.Body.Contains("jatuh tempo"));
    }

    [Fact]
    public async Task Put_UnparseableBody_Returns400WithLineAndColumn()
    {
        var response = await app.Api.PutTemplateAsync("invoice_raised", "whatsapp", "id", null, "Halo\n{{ client.name ");

        response.ShouldBeProblem(400).ShouldBe(["body"]);
        response.Problem.Errors![0].Reason.ShouldStartWith("Line 2, column ");
    }

    [Fact]
    public async Task Put_ThenPreview_RendersTheOperatorsTextWithTheInvoice()
    {
        var (_, invoice, number) = await InvoiceAsync("tpl-1");
        (await app.Api.PutTemplateAsync("invoice_reminder", "sms", "en", null,
            "{{ invoice.number }} {{ invoice.amount }} due {{ invoice.due_date }}")).Expect(200).Data.Custom.ShouldBeTrue();

        var preview = await app.Api.PreviewTemplateAsync(new Preview.Request
        {
            Event = "invoice_reminder", Channel = "sms", Lang = "en", InvoiceId = invoice,
        });

        preview.Expect(200).Data.ShouldBe(new Preview.Response(null, $"{number} Rp 150.000 due 4 Desember 2026"));
        (await app.Api.TemplatesAsync()).Data.Single(t => (t.Event, t.Channel, t.Lang) == ("invoice_reminder", "sms", "en"))
            .Custom.ShouldBeTrue();
    }

    [Fact]
    public async Task Preview_ShippedEmail_RendersSubjectAndBodyInIndonesian()
    {
        var (client, _, number) = await InvoiceAsync("tpl-2");

        var preview = (await app.Api.PreviewTemplateAsync(new Preview.Request
        {
            Event = "invoice_raised", Channel = "email", ClientId = client,
        })).Expect(200).Data;

        preview.Subject.ShouldBe($"Tagihan {number} dari MikroNet ISP");
        preview.Body.ShouldContain("sebesar Rp 150.000 untuk periode 25 November 2026 – 24 Desember 2026");
    }

    [Theory]
    [InlineData("no_such_event", "email", "id")]
    [InlineData("invoice_raised", "fax", "id")]
    [InlineData("invoice_raised", "email", "fr")]
    public async Task Put_UnknownTemplate_Returns404(string e, string channel, string lang)
    {
        (await app.Api.PutTemplateAsync(e, channel, lang, "s", "b")).ShouldBeProblem(404);
    }

    [Fact]
    public async Task Put_SubjectRules_Return422()
    {
        (await app.Api.PutTemplateAsync("invoice_raised", "whatsapp", "id", "no", "b")).ShouldBeProblem(422).ShouldBe(["subject"]);
        (await app.Api.PutTemplateAsync("invoice_raised", "email", "id", null, "b")).ShouldBeProblem(422).ShouldBe(["subject"]);
    }

    [Fact]
    public async Task Put_HugeBody_Returns400()
    {
        (await app.Api.PutTemplateAsync("client_restored", "sms", "id", null, new string('x', 20_001)))
            .ShouldBeProblem(400).ShouldBe(["body"]);
    }

    [Fact]
    public async Task Put_TenAtOnce_AllSucceedAndOneTextRemains()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            app.Api.PutTemplateAsync("client_restored", "whatsapp", "en", null, $"Back online ({i})")));

        answers.ShouldAllBe(a => a.Status == 200);
        (await app.Api.TemplatesAsync()).Data.Single(t => (t.Event, t.Channel, t.Lang) == ("client_restored", "whatsapp", "en"))
            .Body.ShouldStartWith("Back online (");
    }

    [Fact]
    public async Task Preview_RunawayLoop_Returns422InsteadOfHanging()
    {
        var (client, _, _) = await InvoiceAsync("tpl-3");

        var response = await app.Api.PreviewTemplateAsync(new Preview.Request
        {
            Event = "client_restored", Channel = "sms", ClientId = client,
            Body = "{% for i in (1..100000000) %}{{ i }}{% endfor %}",
        });

        response.ShouldBeProblem(422).ShouldBe(["body"]);
    }

    [Fact]
    public async Task Preview_WithoutSubjectOrUnknownInvoice_IsRefused()
    {
        (await app.Api.PreviewTemplateAsync(new Preview.Request { Event = "invoice_raised", Channel = "sms" }))
            .ShouldBeProblem(400).ShouldBe(["invoice_id"]);
        (await app.Api.PreviewTemplateAsync(new Preview.Request { Event = "invoice_raised", Channel = "sms", InvoiceId = 999_999 }))
            .ShouldBeProblem(422).ShouldBe(["invoice_id"]);
    }

    [Fact]
    public async Task Templates_AsOperator_Return403()
    {
        var op = app.Api.As(await app.Api.OperatorTokenAsync("tpl-operator"));

        (await op.TemplatesAsync()).Status.ShouldBe(403);
        (await op.PutTemplateAsync("invoice_raised", "sms", "id", null, "x")).Status.ShouldBe(403);
    }
}
