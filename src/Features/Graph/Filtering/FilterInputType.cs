using GraphQL.Types;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>`where` of an entity: one operation input per field, combined with `and` / `or` lists.</summary>
public abstract class FilterInputType<TSelf, TEntity> : InputObjectGraphType where TSelf : FilterInputType<TSelf, TEntity>
{
    protected FilterInputType(string name, FilterDefinition<TEntity> definition)
    {
        Name = name;
        Field<ListGraphType<NonNullGraphType<TSelf>>>("and");
        Field<ListGraphType<NonNullGraphType<TSelf>>>("or");
        foreach (var field in definition.Fields) AddField(new FieldType { Name = field.Name, Type = field.InputType });
    }
}

/// <summary>
/// A list relation in `where`, as HotChocolate.Data names it (`ListFilterInputTypeOfInvoiceFilterInput`):
/// `some` (at least one item matches), `none`, `all` (every item matches; true for an empty list), and `any`
/// (true: the list has items; false: it is empty).
/// </summary>
public abstract class ListFilterInputType<TFilter> : InputObjectGraphType where TFilter : IGraphType
{
    protected ListFilterInputType(string itemFilterName)
    {
        Name = "ListFilterInputTypeOf" + itemFilterName;
        Field<TFilter>("all");
        Field<TFilter>("none");
        Field<TFilter>("some");
        Field<BooleanGraphType>("any");
    }
}

/// <summary>`order` of an entity: a list of these, each naming fields with ASC or DESC, applied in list order.</summary>
public abstract class SortInputType<TEntity> : InputObjectGraphType
{
    protected SortInputType(string name, FilterDefinition<TEntity> definition)
    {
        Name = name;
        foreach (var field in definition.Fields.Where(f => f.Sortable))
            AddField(new FieldType { Name = field.Name, Type = typeof(SortEnumType) });
    }
}

public enum SortDirection { Asc, Desc }

public sealed class SortEnumType : EnumerationGraphType<SortDirection>
{
    public SortEnumType() => Name = "SortEnumType";
}
