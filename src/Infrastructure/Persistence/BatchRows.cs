using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Reads entities from a result set of an <see cref="Npgsql.NpgsqlBatch"/> (several statements in one round trip,
/// which EF Core queries cannot do) the way an EF Core query would: every mapped column read with EF's own type
/// mapping and value converter, the entity tracked as unchanged, or the instance the context already tracks.
/// The statement must select every column of the entity's table (<c>SELECT *</c>).
/// </summary>
public static class BatchRows
{
    private static readonly ConcurrentDictionary<(IModel, Type), Column[]> Columns = new();

    /// <summary>The next row of the current result set as a tracked entity, or null when there is none.</summary>
    public static async Task<T?> ReadTrackedAsync<T>(this DbContext db, DbDataReader reader, CancellationToken ct)
        where T : class
    {
        if (!await reader.ReadAsync(ct)) return null;
        return db.Track(Read<T>(db, reader));
    }

    /// <summary>
    /// An entity read untracked (<see cref="ReadUntrackedAsync"/>), as a query would have tracked it: the instance
    /// the context already tracks with its key, or the entity itself, now tracked as unchanged.
    /// </summary>
    public static T Track<T>(this DbContext db, T entity) where T : class
    {
        if (FindTracked(db, entity) is { } tracked) return tracked;
        // This entity only: its navigations are empty, there is no graph for Attach to walk.
        db.Entry(entity).State = EntityState.Unchanged;
        return entity;
    }

    /// <summary>
    /// The instance the context already tracks with the key of <paramref name="entity"/>. Looked up without the
    /// change detection <c>Local</c> runs first: a tracked entity's key cannot change, so the scan of every tracked
    /// entity's values could not change the answer.
    /// </summary>
    private static T? FindTracked<T>(DbContext db, T entity) where T : class
    {
        var keys = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties;
        var key = new object?[keys.Count];
        for (var i = 0; i < key.Length; i++) key[i] = keys[i].GetGetter().GetClrValue(entity);
        var tracker = db.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return (T?)db.Set<T>().Local.FindEntryUntyped(key)?.Entity;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>The next row of the current result set as an entity the context does not track.</summary>
    public static async Task<T?> ReadUntrackedAsync<T>(this DbContext db, DbDataReader reader, CancellationToken ct)
        where T : class =>
        await reader.ReadAsync(ct) ? Read<T>(db, reader) : null;

    private static T Read<T>(DbContext db, DbDataReader reader) where T : class
    {
        var entity = (T)Activator.CreateInstance(typeof(T))!;
        foreach (var column in Columns.GetOrAdd((db.Model, typeof(T)), key => Map(key.Item1, key.Item2)))
        {
            var ordinal = reader.GetOrdinal(column.Name);
            column.Set(entity, reader.IsDBNull(ordinal) ? null : column.Read(reader, ordinal));
        }
        return entity;
    }

    private sealed record Column(string Name, Action<object, object?> Set, Func<DbDataReader, int, object?> Read);

    /// <summary>One reader per mapped property.</summary>
    private static Column[] Map(IModel model, Type type)
    {
        var entityType = model.FindEntityType(type)
            ?? throw new InvalidOperationException($"{type.Name} is not an entity of this model.");
        return entityType.GetProperties().Select(property => new Column(property.GetColumnName(), SetterOf(property),
            ValueReader(property))).ToArray();
    }

    private static readonly ConcurrentDictionary<IProperty, Action<object, object?>> Setters = new();

    /// <summary>The property's compiled assignment (<see cref="BatchWrites"/> puts returned values into rows with it).</summary>
    internal static Action<object, object?> SetterOf(IProperty property) => Setters.GetOrAdd(property, p => Setter(p.PropertyInfo
        ?? throw new InvalidOperationException($"{p.DeclaringType.ClrType.Name}.{p.Name} has no CLR property to set.")));

    /// <summary>A compiled assignment: reflection's SetValue checks and converts the value on every call.</summary>
    private static Action<object, object?> Setter(PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        return Expression.Lambda<Action<object, object?>>(Expression.Assign(
            Expression.Property(Expression.Convert(entity, property.DeclaringType!), property),
            Expression.Convert(value, property.PropertyType)), entity, value).Compile();
    }

    /// <summary>EF's data reader method for the property's column, then its value converter, as a query reads it.</summary>
    internal static Func<DbDataReader, int, object?> ValueReader(IProperty property)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var reader = Expression.Parameter(typeof(DbDataReader));
        var ordinal = Expression.Parameter(typeof(int));
        Expression read = Expression.Call(reader, mapping.GetDataReaderMethod(), ordinal);
        var providerType = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        if (read.Type != providerType) read = Expression.Convert(read, providerType);
        var raw = Expression.Lambda<Func<DbDataReader, int, object?>>(Expression.Convert(read, typeof(object)), reader,
            ordinal).Compile();
        var converter = mapping.Converter;
        return converter is null ? raw : (r, i) => converter.ConvertFromProvider(raw(r, i));
    }
}
