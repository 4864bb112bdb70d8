using MikroNet.Features.Graph.Loading;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Graph.Filtering;

public static class EntityFilters
{
    public static readonly FilterDefinition<Client> Client = new FilterDefinition<Client>()
        .Add("clientId", c => c.Id, typeof(IntOperationFilterInput))
        .Add("name", c => c.Name, typeof(StringOperationFilterInput))
        .Add("phoneNumber", c => c.PhoneNumber, typeof(StringOperationFilterInput))
        .Add("address", c => c.Address, typeof(StringOperationFilterInput))
        .Add("pppSecretName", c => c.PppSecretName, typeof(StringOperationFilterInput))
        .Add("status", ClientStates.Expression, typeof(ClientStatusOperationFilterInput))
        .Add("createdAt", c => c.CreatedAt, typeof(InstantOperationFilterInput));

    public static readonly FilterDefinition<Invoice> Invoice = new FilterDefinition<Invoice>()
        .Add("invoiceId", i => i.Id, typeof(IntOperationFilterInput))
        .Add("number", i => i.Number, typeof(StringOperationFilterInput))
        .Add("invoiceDate", i => i.InvoiceDate, typeof(LocalDateOperationFilterInput))
        .Add("dueDate", i => i.DueDate, typeof(LocalDateOperationFilterInput))
        .Add("totalAmount", i => i.TotalAmount, typeof(DecimalOperationFilterInput))
        .Add("amountPaid", i => i.AmountPaid, typeof(DecimalOperationFilterInput))
        .Add("balance", i => i.TotalAmount - i.AmountPaid, typeof(DecimalOperationFilterInput))
        .Add("invoiceStatus", i => i.Status, typeof(InvoiceStatusOperationFilterInput))
        .Add("clientId", i => i.ClientId, typeof(IntOperationFilterInput));
}

public sealed class ClientFilterInput() : FilterInputType<ClientFilterInput, Client>("ClientFilterInput", EntityFilters.Client);

public sealed class ClientSortInput() : SortInputType<Client>("ClientSortInput", EntityFilters.Client);

public sealed class InvoiceFilterInput() : FilterInputType<InvoiceFilterInput, Invoice>("InvoiceFilterInput", EntityFilters.Invoice);

public sealed class InvoiceSortInput() : SortInputType<Invoice>("InvoiceSortInput", EntityFilters.Invoice);
