namespace MikroNet.Features.Graph.Sql;

/// <summary>How one field of a GraphQL object type is written by PostgreSQL, from the row aliased as the argument.</summary>
public abstract record SqlField;

/// <summary>A scalar or enum: an expression whose JSON value is the one GraphQL.NET writes for the field.</summary>
public sealed record ScalarField(Func<string, string> Expression) : SqlField;

/// <summary>
/// A scalar that depends on the provider's date and `Billing:GraceDays` (`Invoice.overdue`): its expression gets the
/// row and the placeholders of those two, which the statement takes as parameters (the date changes at midnight).
/// </summary>
public sealed record AsOfTodayField(Func<string, string, string, string> Expression) : SqlField;

/// <summary>An object read from the same row (`Client.provisioning`).</summary>
public sealed record RowObjectField(SqlObjectType Type) : SqlField;

/// <summary>
/// An object referenced by the row's <paramref name="Column"/> (`Client.plan`, `Client.router`): the row of
/// <paramref name="Table"/> with that id, or null when the column is null.
/// </summary>
public sealed record ReferenceField(SqlObjectType Type, string Table, string Column) : SqlField;

/// <summary>
/// A list field selected without arguments: the child rows whose <paramref name="ForeignKey"/> is the parent's id, as a
/// JSON array in the order of the field's loader without arguments (<paramref name="Order"/>, columns of the child).
/// </summary>
public sealed record ListField(SqlObjectType Type, string Table, string ForeignKey, string[] Order) : SqlField;

/// <summary>A GraphQL object type whose fields (all or some) have a SQL spelling.</summary>
public sealed class SqlObjectType(string name, IReadOnlyDictionary<string, SqlField> fields)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, SqlField> Fields { get; } = fields;
}
