using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Documents;

/// <summary>Invoice and receipt PDFs, read back with PdfPig: the words a customer looks for are there.</summary>
public sealed class DocumentTests(DocumentFixture app) : IClassFixture<DocumentFixture>
{
    [Fact]
    public async Task InvoicePdf_Unpaid_ShowsProviderNumberClientPeriodAmountAndHowToPay()
    {
        var (invoiceId, number) = await InvoiceForAsync("Budi Santoso", "Jl. Merdeka 1, Bandung", 150_000m);

        var text = await app.PdfTextAsync($"/invoices/{invoiceId}/pdf");

        text.ShouldContain(DocumentFixture.ProviderName);
        text.ShouldContain("Jl. Sudirman 45, Bandung 40115");
        text.ShouldContain("+62 22 555 0101");
        text.ShouldContain("01.234.567.8-901.000");
        text.ShouldContain("INVOICE", Case.Sensitive);
        text.ShouldContain(number);
        text.ShouldContain("Budi Santoso");
        text.ShouldContain("1 Desember 2026 – 31 Desember 2026");
        text.ShouldContain("Rp 150.000");
        text.ShouldContain("Invoice date 25 November 2026", Case.Sensitive);
        text.ShouldContain("Due date 10 Desember 2026");
        text.ShouldContain("UNPAID", Case.Sensitive);
        text.ShouldContain("Transfer to BCA 123-456-7890 a.n. PT Jaringan Nusantara or pay at our office.");
        text.ShouldNotContain("Pay online");
        text.Split(' ').ShouldNotContain("PAID");
    }

    [Fact]
    public async Task InvoicePdf_PaidInFull_ShowsPaidMarkAndPaymentsButNoInstructions()
    {
        var (invoiceId, number) = await InvoiceForAsync("Siti Rahayu", "Jl. Asia Afrika 8", 1_200_000.50m);
        (await app.Api.PayAsync(invoiceId, 1_000_000m, method: "bank_transfer", reference: "TRX-77")).Status.ShouldBe(201);
        (await app.Api.PayAsync(invoiceId, 200_000.50m, method: "e_wallet")).Status.ShouldBe(201);

        var text = await app.PdfTextAsync($"/invoices/{invoiceId}/pdf");

        text.ShouldContain(number);
        text.Split(' ').ShouldContain("PAID");
        text.ShouldContain("Rp 1.200.000,50");
        text.ShouldContain("Bank transfer TRX-77 Rp 1.000.000");
        text.ShouldContain("E-wallet Rp 200.000,50");
        text.ShouldContain("Balance due Rp 0");
        text.ShouldNotContain("How to pay");
    }

    [Fact]
    public async Task ReceiptPdf_PartialPayment_ShowsReceiptAmountMethodAndBalance()
    {
        var (invoiceId, number) = await InvoiceForAsync("Agus Wijaya", "Jl. Braga 3", 150_000m);
        var paid = await app.Api.PayAsync(invoiceId, 50_000m, method: "bank_transfer", reference: "BCA-991");
        var paymentId = paid.Expect(201).Data.Payment.PaymentId;

        var text = await app.PdfTextAsync($"/payments/{paymentId}/receipt.pdf");

        text.ShouldContain("RECEIPT", Case.Sensitive);
        text.ShouldContain($"RCT-{paymentId:D7}");
        text.ShouldContain("Agus Wijaya");
        text.ShouldContain(number);
        text.ShouldContain("Bank transfer");
        text.ShouldContain("Ref. BCA-991");
        text.ShouldContain("Paid to date Rp 50.000");
        text.ShouldContain("Balance due Rp 100.000");
        text.ShouldContain("RECEIVED", Case.Sensitive);
        text.Split(' ').ShouldNotContain("PAID");
    }

    [Fact]
    public async Task InvoicePdf_PaymentLinkExists_PrintsIt()
    {
        var (invoiceId, _) = await InvoiceForAsync("Dewi Lestari", "Jl. Dago 10", 150_000m);
        app.Links[invoiceId] = "https://pay.example.net/i/abc123";

        var text = await app.PdfTextAsync($"/invoices/{invoiceId}/pdf");

        text.ShouldContain("Pay online: https://pay.example.net/i/abc123");
    }

    [Fact]
    public async Task InvoicePdf_HostileClientText_RendersAndWraps()
    {
        var name = "Ñoño Đặng \"<script>\" " + new string('W', 60);
        var (invoiceId, number) = await InvoiceForAsync(name, string.Join(' ', Enumerable.Repeat("Gang Kelinci RT 01/RW 02", 10)), 150_000m);

        var text = await app.PdfTextAsync($"/invoices/{invoiceId}/pdf");

        text.ShouldContain(number);
        text.ShouldContain("Ñoño Đặng \"<script>\"");
        text.Replace(" ", "").ShouldContain(new string('W', 60));
    }

    [Fact]
    public async Task InvoicePdf_EightyPartPayments_ListsThemAllOnFollowingPages()
    {
        var (invoiceId, number) = await InvoiceForAsync("Yusuf Hakim", "Jl. Cihampelas 9", 150_000m);
        for (var i = 1; i <= 80; i++) (await app.Api.PayAsync(invoiceId, 1_000m, reference: $"PART-{i:D3}")).Expect(201);

        var text = await app.PdfTextAsync($"/invoices/{invoiceId}/pdf", pages: 3);

        text.ShouldContain(number);
        Enumerable.Range(1, 80).ShouldAllBe(i => text.Contains($"PART-{i:D3}"));
        text.ShouldContain("Balance due Rp 70.000");
    }

    [Fact]
    public async Task InvoiceAndReceiptPdf_ClientDeleted_StillRender()
    {
        var (invoiceId, number) = await InvoiceForAsync("Hendra Gunawan", "Jl. Pasteur 12", 150_000m);
        var paymentId = (await app.Api.PayAsync(invoiceId, 20_000m)).Expect(201).Data.Payment.PaymentId;
        int clientId;
        await using (var db = app.Db()) clientId = db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.ClientId).Single();
        (await app.Api.DeleteClientAsync(clientId)).Expect(200);

        (await app.PdfTextAsync($"/invoices/{invoiceId}/pdf")).ShouldContain("Hendra Gunawan");
        (await app.PdfTextAsync($"/payments/{paymentId}/receipt.pdf")).ShouldContain(number);
    }

    [Fact]
    public async Task InvoicePdf_TenAtOnce_AllRender()
    {
        var (invoiceId, number) = await InvoiceForAsync("Rina Kusuma", "Jl. Riau 2", 150_000m);

        var texts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.PdfTextAsync($"/invoices/{invoiceId}/pdf")));

        texts.ShouldAllBe(t => t.Contains(number) && t.Contains("Rina Kusuma"));
    }

    [Theory]
    [InlineData("/invoices/999999/pdf", 404)]
    [InlineData("/payments/999999/receipt.pdf", 404)]
    [InlineData("/invoices/-1/pdf", 404)]
    public async Task Pdf_UnknownId_404ProblemDetails(string url, int expected)
    {
        var response = await app.Api.SendAsync(HttpMethod.Get, url);

        response.Status.ShouldBe(expected);
        response.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Pdf_NoToken_401()
    {
        (await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/invoices/1/pdf")).Status.ShouldBe(401);
    }

    /// <summary>A client on a new plan of the given price, starting 2026-12-01; its first invoice's id and number.</summary>
    [Fact]
    public async Task InvoicePdf_WithInstallationAndCredit_PrintsEveryLine()
    {
        var client = Api.NewClient(await app.Api.AddRouterAsync(), Api.Unique("d-"));
        client.PlanId = await app.Api.AddPlanAsync(150_000m);
        client.StartDate = new LocalDate(2026, 12, 1);
        client.InstallationFee = 250_000m;
        var clientId = (await app.Api.RegisterClientAsync(client)).Expect(201).Data.ClientId;
        var invoiceId = (await app.Api.InvoicesAsync(clientId)).Single().InvoiceId;
        (await app.Api.CreditInvoiceAsync(invoiceId, 20_000m, "Outage")).Expect(201);

        var text = await app.PdfTextAsync($"/invoices/{invoiceId}/pdf");

        text.ShouldContain("Installation Rp 250.000");
        text.ShouldContain("Credit note CN-2026-");
        text.ShouldContain("Total Rp 380.000");
    }

    private async Task<(int InvoiceId, string Number)> InvoiceForAsync(string name, string address, decimal price)
    {
        var client = Api.NewClient(await app.Api.AddRouterAsync(), Api.Unique("d-"));
        client.Name = name;
        client.Address = address;
        client.PlanId = await app.Api.AddPlanAsync(price);
        client.StartDate = new LocalDate(2026, 12, 1);
        var invoice = (await app.Api.InvoicesAsync((await app.Api.RegisterClientAsync(client)).Expect(201).Data.ClientId)).Single();
        return (invoice.InvoiceId, await NumberAsync(invoice.InvoiceId));
    }

    private async Task<string> NumberAsync(int invoiceId)
    {
        var answer = await app.Api.GraphAsync($"{{ invoices(where: {{ invoiceId: {{ eq: {invoiceId} }} }}) {{ nodes {{ number }} }} }}");
        return answer.Data.Invoices!.Nodes![0].Number!;
    }
}
