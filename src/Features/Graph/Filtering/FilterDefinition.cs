using System.Linq.Expressions;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>One field of `where` and `order`: its GraphQL name, the EF expression it reads, its operation input.</summary>
public sealed record FilterField(string Name, LambdaExpression Selector, Type OperationInput, bool Sortable);

/// <summary>
/// The filterable and sortable fields of an entity, in the shape of HotChocolate.Data: the input graph types and
/// the LINQ translation are both built from this one list, so they cannot drift apart.
/// </summary>
public sealed class FilterDefinition<TEntity>
{
    private readonly List<FilterField> _fields = [];

    public IReadOnlyList<FilterField> Fields => _fields;

    public FilterDefinition<TEntity> Add<TValue>(string name, Expression<Func<TEntity, TValue>> selector,
        Type operationInput, bool sortable = true)
    {
        _fields.Add(new FilterField(name, selector, operationInput, sortable));
        return this;
    }

    public FilterField? Find(string name) => _fields.FirstOrDefault(f => f.Name == name);
}
