using GraphQL.Types;
using MikroNet.Features.Graph.Loading;

namespace MikroNet.Features.Graph.Types;

public sealed class InvoiceLineType : ObjectGraphType<InvoiceLineRow>
{
    public InvoiceLineType()
    {
        Name = "InvoiceLine";
        Description = "One line of an invoice; the invoice's totalAmount is the sum of its lines' amounts.";
        Field<NonNullGraphType<InvoiceLineKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Description("Negative for credit applied.")
            .Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<BooleanGraphType>>("taxable").Resolve(c => c.Source.Taxable);
    }
}
