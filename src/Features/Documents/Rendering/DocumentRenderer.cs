using MikroNet.Infrastructure.Persistence.Entities;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MikroNet.Features.Documents.Rendering;

/// <summary>
/// Lays out invoices and receipts on one A4 page each: the provider (from configuration) at the top left, the
/// document's title and numbers at the top right, the client, the period, the amounts, the status (a stamp when
/// paid or void), the payments, and how to pay while something is still owed.
/// </summary>
public sealed class DocumentRenderer(ProviderOptions provider)
{
    private const double Right = 240;
    private readonly DocumentCulture _culture = DocumentCulture.Supported[provider.Culture];

    public byte[] Invoice(InvoiceDocument invoice)
    {
        using var document = NewDocument($"Invoice {invoice.Number}");
        using (var page = new PageWriter(document))
        {
            Stamp(page, invoice.Status);
            Header(page, "INVOICE", [("Invoice number", invoice.Number), ("Invoice date", _culture.Date(invoice.InvoiceDate)),
                ("Due date", _culture.Date(invoice.DueDate)), ("Status", StatusLabel(invoice.Status))]);
            BillTo(page, invoice.Client);
            Charges(page, invoice);
            Payments(page, invoice);
            if (invoice.Status is InvoiceStatus.Pending or InvoiceStatus.PartiallyPaid or InvoiceStatus.Overdue)
                HowToPay(page, invoice);
        }
        return Save(document);
    }

    public byte[] Receipt(ReceiptDocument receipt)
    {
        var (payment, invoice) = receipt;
        using var document = NewDocument($"Receipt for payment {payment.Id}");
        using (var page = new PageWriter(document))
        {
            if (payment.Status == PaymentStatus.Refunded) page.StampWord("REFUNDED", XColors.DarkOrange);
            else Stamp(page, invoice.Status);
            Header(page, "RECEIPT", [("Receipt number", ReceiptNumber(payment)), ("Payment date", _culture.Date(payment.Date)),
                ("Invoice number", invoice.Number), ("Status", payment.Status == PaymentStatus.Refunded ? "REFUNDED" : "RECEIVED")]);
            BillTo(page, invoice.Client, "Received from");
            page.Row([("Description", 0, 200, false), ("Method", 205, 150, false), ("Amount", 360, page.Width - 360, true)], strong: true);
            page.Line();
            page.Row([($"Payment for invoice {invoice.Number}, {invoice.PlanName}, period {Period(invoice)}", 0, 200, false),
                (payment.MethodLabel + (payment.Reference is { Length: > 0 } r ? $"\nRef. {r}" : ""), 205, 150, false),
                (Money(payment.Amount, invoice), 360, page.Width - 360, true)]);
            page.Line();
            Totals(page, invoice, "Invoice total", "Paid to date", "Balance due");
        }
        return Save(document);
    }

    /// <summary>RCT- and the payment's id: receipts are numbered by the payment they acknowledge.</summary>
    public static string ReceiptNumber(DocumentPayment payment) => $"RCT-{payment.Id:D7}";

    public string Period(InvoiceDocument invoice) => $"{_culture.Date(invoice.PeriodStart)} – {_culture.Date(invoice.PeriodEnd)}";

    private static PdfDocument NewDocument(string title)
    {
        Fonts.EmbeddedFonts.Install();
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "MikroNet";
        return document;
    }

    private static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private void Header(PageWriter page, string title, (string Label, string Value)[] facts)
    {
        var left = page.Width - Right - 20;
        var y = page.Y;
        y += page.Text(provider.Name, 0, y, left, heading: true) + 4;
        y += page.Text(provider.Address, 0, y, left);
        if (provider.Phone.Length > 0) y += page.Text("Phone: " + provider.Phone, 0, y, left);
        if (provider.TaxNumber.Length > 0) y += page.Text("Tax number: " + provider.TaxNumber, 0, y, left);

        page.Title(title);
        var right = page.Y + 38;
        foreach (var (label, value) in facts)
        {
            page.Text(label, page.Width - Right, right, 100);
            right += page.Text(value, page.Width - Right + 100, right, Right - 100, strong: true, right: true) + 2;
        }
        page.Y = Math.Max(y, right) + 24;
    }

    private static void BillTo(PageWriter page, DocumentClient client, string heading = "Bill to")
    {
        page.Block(heading, 0, 300, after: 2);
        page.Block(client.Name, 0, 300, strong: true);
        page.Block(client.Address, 0, 300);
        page.Block("Phone: " + client.Phone, 0, 300);
        page.Block($"Customer no. {client.Id} · PPPoE login {client.Login}", 0, 300);
        page.Gap(22);
    }

    private void Charges(PageWriter page, InvoiceDocument invoice)
    {
        page.Row([("Description", 0, 200, false), ("Period", 205, 200, false), ("Amount", 410, page.Width - 410, true)], strong: true);
        page.Line();
        // The invoice's lines as billed (period, charges, tax, credit); they sum to the total.
        foreach (var line in invoice.Lines)
            page.Row([(line.Description, 0, 200, false),
                (line.Kind == InvoiceLineKind.Period ? Period(invoice) : "", 205, 200, false),
                (Money(line.Amount, invoice), 410, page.Width - 410, true)]);
        page.Line();
        Totals(page, invoice, "Total", "Paid", "Balance due");
    }

    private void Totals(PageWriter page, InvoiceDocument invoice, string total, string paid, string balance)
    {
        page.Row([(total, 260, 140, false), (Money(invoice.Total, invoice), 400, page.Width - 400, true)]);
        page.Row([(paid, 260, 140, false), (Money(invoice.Paid, invoice), 400, page.Width - 400, true)]);
        page.Row([(balance, 260, 140, false), (Money(invoice.Balance, invoice), 400, page.Width - 400, true)], strong: true);
        page.Gap(16);
    }

    private void Payments(PageWriter page, InvoiceDocument invoice)
    {
        if (invoice.Payments.Count == 0) return;
        page.Block("Payments received", 0, 300, strong: true, after: 4);
        foreach (var p in invoice.Payments)
            page.Row([(_culture.Date(p.Date), 0, 120, false), (p.MethodLabel, 125, 90, false),
                ((p.Reference ?? "") + (p.Status == PaymentStatus.Refunded ? " (refunded)" : ""), 220, 180, false),
                (Money(p.Amount, invoice), 400, page.Width - 400, true)]);
        page.Gap(12);
    }

    private void HowToPay(PageWriter page, InvoiceDocument invoice)
    {
        if (provider.PaymentInstructions.Length == 0 && invoice.PaymentLink is null) return;
        page.Block("How to pay", 0, page.Width, strong: true, after: 4);
        page.Block(provider.PaymentInstructions, 0, page.Width, after: 4);
        if (invoice.PaymentLink is { } link)
            page.Block("Pay online: " + link, 0, page.Width, strong: true, brush: XBrushes.DarkBlue);
    }

    private static void Stamp(PageWriter page, InvoiceStatus status)
    {
        if (status == InvoiceStatus.Paid) page.StampWord("PAID", XColors.Green);
        else if (status == InvoiceStatus.Void) page.StampWord("VOID", XColors.Gray);
    }

    private static string StatusLabel(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Pending => "UNPAID",
        InvoiceStatus.PartiallyPaid => "PARTIALLY PAID",
        InvoiceStatus.Paid => "PAID",
        InvoiceStatus.Overdue => "OVERDUE",
        _ => "VOID",
    };

    private string Money(decimal amount, InvoiceDocument invoice) => _culture.Money(amount, invoice.Currency);
}
