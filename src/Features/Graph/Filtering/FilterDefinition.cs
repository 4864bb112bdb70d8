using System.Linq.Expressions;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>How a `where` field reaches its value: a column, one related object, or a list of related objects.</summary>
public enum FilterFieldKind { Scalar, Object, List }

/// <summary>
/// One field of `where` and `order`: its GraphQL name, the EF expression it reads, its input type, and for a relation
/// the related entity's definition. A list relation's selector may take the request's DbContext as a first parameter
/// (`(db, c) => db.Invoices.Where(i => i.ClientId == c.Id)`) when the entity has no navigation for it.
/// </summary>
public sealed record FilterField(string Name, LambdaExpression Selector, Type InputType, bool Sortable, FilterFieldKind Kind,
    Func<IFilterDefinition>? Related = null);

/// <summary>The fields of one entity, whatever its CLR type (relations point from one definition to another).</summary>
public interface IFilterDefinition
{
    Type EntityType { get; }
    IReadOnlyList<FilterField> Fields { get; }
    FilterField? Find(string name);
}

/// <summary>
/// The filterable and sortable fields of an entity, in the shape of HotChocolate.Data: the input graph types and
/// the LINQ translation are both built from this one list, so they cannot drift apart.
/// </summary>
public sealed class FilterDefinition<TEntity> : IFilterDefinition
{
    private readonly List<FilterField> _fields = [];

    public Type EntityType => typeof(TEntity);

    public IReadOnlyList<FilterField> Fields => _fields;

    public FilterDefinition<TEntity> Add<TValue>(string name, Expression<Func<TEntity, TValue>> selector,
        Type operationInput, bool sortable = true)
    {
        _fields.Add(new FilterField(name, selector, operationInput, sortable, FilterFieldKind.Scalar));
        return this;
    }

    /// <summary>A related object (`invoice.client`), filtered with its own definition; not sortable.</summary>
    public FilterDefinition<TEntity> Object<TRelated>(string name, Expression<Func<TEntity, TRelated?>> selector,
        Type filterInput, Func<IFilterDefinition> related) where TRelated : class
    {
        _fields.Add(new FilterField(name, selector, filterInput, false, FilterFieldKind.Object, related));
        return this;
    }

    /// <summary>A list of related objects, filtered with `some`, `none`, `all` and `any`.</summary>
    public FilterDefinition<TEntity> List<TRelated>(string name, Expression<Func<TEntity, IEnumerable<TRelated>>> selector,
        Type listInput, Func<IFilterDefinition> related)
    {
        _fields.Add(new FilterField(name, selector, listInput, false, FilterFieldKind.List, related));
        return this;
    }

    /// <summary>A list of related objects read through the request's DbContext (no navigation on the entity).</summary>
    public FilterDefinition<TEntity> List<TDb, TRelated>(string name, Expression<Func<TDb, TEntity, IQueryable<TRelated>>> selector,
        Type listInput, Func<IFilterDefinition> related)
    {
        _fields.Add(new FilterField(name, selector, listInput, false, FilterFieldKind.List, related));
        return this;
    }

    public FilterField? Find(string name) => _fields.FirstOrDefault(f => f.Name == name);
}
