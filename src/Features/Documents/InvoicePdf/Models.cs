namespace MikroNet.Features.Documents.InvoicePdf;

public sealed class Request
{
    public int Id { get; set; }
}
