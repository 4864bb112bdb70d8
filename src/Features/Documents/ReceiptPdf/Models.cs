namespace MikroNet.Features.Documents.ReceiptPdf;

public sealed class Request
{
    public int Id { get; set; }
}
