using System.Collections.Concurrent;
using MikroNet.Features.Documents;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shouldly;
using UglyToad.PdfPig;

namespace MikroNet.Tests.Documents;

/// <summary>A host with a configured provider and payment links that tests hand out per invoice.</summary>
public sealed class DocumentFixture : AppFixture
{
    public const string ProviderName = "Jaringan Nusantara Net";
    public const string Instructions = "Transfer to BCA 123-456-7890 a.n. PT Jaringan Nusantara\nor pay at our office.";

    public ConcurrentDictionary<int, string> Links { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Provider:Name", ProviderName),
        new("Provider:Address", "Jl. Sudirman 45, Bandung 40115"),
        new("Provider:Phone", "+62 22 555 0101"),
        new("Provider:TaxNumber", "01.234.567.8-901.000"),
        new("Provider:PaymentInstructions", Instructions),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IPaymentLinks>();
        services.AddSingleton<IPaymentLinks>(new TestLinks(Links));
    }

    /// <summary>GETs a PDF as the admin; the words of all its A4 pages joined by single spaces (PdfPig), page count checked.</summary>
    public async Task<string> PdfTextAsync(string url, int pages = 1)
    {
        var response = await Api.SendAsync(HttpMethod.Get, url);
        response.Status.ShouldBe(200, response.Text);
        response.MediaType.ShouldBe("application/pdf");
        using var pdf = PdfDocument.Open(response.Bytes);
        pdf.NumberOfPages.ShouldBe(pages);
        pdf.GetPages().ShouldAllBe(p => Math.Abs(p.Width - 595) < 1 && Math.Abs(p.Height - 842) < 1);
        return string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private sealed class TestLinks(ConcurrentDictionary<int, string> links) : IPaymentLinks
    {
        public Task<string?> ForInvoiceAsync(int invoiceId, CancellationToken ct) =>
            Task.FromResult(links.TryGetValue(invoiceId, out var link) ? link : null);
    }
}
