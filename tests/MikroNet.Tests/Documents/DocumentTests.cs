using System.Text.Json;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Documents;

/// <summary>Invoice and receipt PDFs, read back with PdfPig: the words a customer looks for are there.</summary>
public sealed class DocumentTests(DocumentFixture app) : IClassFixture<DocumentFixture>
{
    private readonly BillingDriver _billing = new(app);

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
        (await _billing.PayAsync(invoiceId, 1_000_000m, method: "bank_transfer", reference: "TRX-77")).Status.ShouldBe(201);
        (await _billing.PayAsync(invoiceId, 200_000.50m, method: "e_wallet")).Status.ShouldBe(201);

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
        var (status, body) = await _billing.PayAsync(invoiceId, 50_000m, method: "bank_transfer", reference: "BCA-991");
        status.ShouldBe(201, body.ToString());
        var paymentId = body.GetProperty("data").GetProperty("payment").GetProperty("payment_id").GetInt32();

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
        var response = await app.SendAsync(HttpMethod.Get, url, null, await app.AdminTokenAsync());

        ((int)response.StatusCode).ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Pdf_NoToken_401()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/invoices/1/pdf", null, null);

        ((int)response.StatusCode).ShouldBe(401);
    }

    /// <summary>A client on a new plan of the given price, starting 2026-12-01; its first invoice's id and number.</summary>
    private async Task<(int InvoiceId, string Number)> InvoiceForAsync(string name, string address, decimal price)
    {
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync(price);
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", new
        {
            name, phone_number = "081234567890", address, ppp_secret_name = $"d-{Guid.NewGuid():N}"[..20],
            ppp_password = "secret-pass", router_id = router, plan_id = plan, start_date = "2026-12-01",
        });
        status.ShouldBe(201, body.ToString());
        var invoice = (await _billing.InvoicesAsync(body.GetProperty("data").GetProperty("client_id").GetInt32())).Single();
        return (invoice.GetProperty("invoice_id").GetInt32(), await NumberAsync(invoice.GetProperty("invoice_id").GetInt32()));
    }

    private async Task<string> NumberAsync(int invoiceId)
    {
        var response = await app.PostAsync("/graphql", new { query = $"{{ invoices(where: {{ invoiceId: {{ eq: {invoiceId} }} }}) {{ nodes {{ number }} }} }}" },
            await app.AdminTokenAsync());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("data").GetProperty("invoices").GetProperty("nodes")[0].GetProperty("number").GetString()!;
    }
}
