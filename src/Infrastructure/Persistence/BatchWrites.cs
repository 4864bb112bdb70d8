using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Writes a unit of work's added and changed entities as one <see cref="NpgsqlBatch"/> whose statement texts depend
/// only on the entity type and the columns written, so Npgsql prepares each text once per connection (Max Auto
/// Prepare) and a save builds no SQL. EF Core's <c>SaveChanges</c> builds the INSERT/UPDATE text, the parameters and
/// the command graph anew on every save, most of a payment's host CPU (docs/performance.md).
/// </summary>
/// <remarks>
/// The rows are those <c>SaveChanges</c> writes: an INSERT of every column it would send (values it leaves to the
/// database, an identity or a computed column, are read back into the entity), an UPDATE of the changed columns only
/// that must find its row, every value through EF's own type mapping and value converter, the audit rows stamped
/// with the request's address (<see cref="AuditAddress"/>), the entities accepted as saved afterwards. It writes
/// only what it can write that way: a deleted entity, an entity type missing from the caller's order, a concurrency
/// token or an entity without a table, and it writes nothing and leaves the save to <c>SaveChanges</c>.
/// </remarks>
public static class BatchWrites
{
    private static readonly ConcurrentDictionary<ShapeKey, Shape> Shapes = new();
    private static readonly ConcurrentDictionary<IEntityType, IProperty[]?> Writable = new();

    /// <summary>
    /// Saves the context's changes and commits <paramref name="transaction"/>: when every change is an entity of a
    /// type in <paramref name="order"/> (the order the rows are written in, principals before the rows that refer to
    /// them), as one batch that ends with the COMMIT, so the save and the commit are one round trip; otherwise with
    /// <c>SaveChanges</c>, then the commit.
    /// </summary>
    /// <remarks>
    /// The caller holds the row lock (<c>SELECT … FOR UPDATE</c> in this transaction) of every row it changes: an
    /// UPDATE then always finds its row, which is what lets the COMMIT go in the same batch. Any statement that fails
    /// fails the whole batch, and the COMMIT with it: the transaction is rolled back when it is disposed.
    /// </remarks>
    public static async Task SaveAndCommitAsync(this DbContext db, IDbContextTransaction transaction,
        IReadOnlyList<Type> order, CancellationToken ct)
    {
        if (Plan(db, order) is { } writes)
        {
            await WriteAndCommitAsync(transaction, [new Planned(db, writes)], ct);
            db.ChangeTracker.AcceptAllChanges();
            return;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <param name="Value">A property's current value.</param>
    /// <param name="SetReturned">Puts a value the statement returned into the entity.</param>
    internal sealed record Write(object Entity, bool Added, Shape Shape, Func<IProperty, object?> Value,
        Action<IProperty, object?> SetReturned);

    /// <summary>The statements to run in order, or null when a change is not one this writer handles.</summary>
    private static List<Write>? Plan(DbContext db, IReadOnlyList<Type> order)
    {
        var writes = new List<(int Rank, Write Write)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            var rank = IndexOf(order, entry.Metadata.ClrType);
            if (rank < 0 || entry.State is not (EntityState.Added or EntityState.Modified)) return null;
            var values = entry.CurrentValues;
            object? Value(IProperty p) => values[p];
            if (ShapeOf(db, entry.Metadata, entry.State, Value, p => entry.Property(p).IsTemporary,
                    (_, p) => entry.Property(p).IsModified) is not { } shape)
                return null;
            writes.Add((rank, new Write(entry.Entity, entry.State == EntityState.Added, shape, Value, (p, value) =>
            {
                var property = entry.Property(p);
                property.CurrentValue = value;
                property.IsTemporary = false;
            })));
        }
        return writes.OrderBy(w => w.Rank).Select(w => w.Write).ToList();
    }

    /// <summary>
    /// Writes <paramref name="rows"/> (kept outside the change tracker) as one batch ending with the COMMIT of
    /// <paramref name="transaction"/>, in the order of their types in <paramref name="order"/>; rows changed since
    /// they were read must be held under the caller's row lock, as for <see cref="SaveAndCommitAsync"/>. Values
    /// the database gives (an identity) are read back into the entities.
    /// </summary>
    public static Task WriteAndCommitAsync(this DbContext db, IDbContextTransaction transaction, RowWrites rows,
        IReadOnlyList<Type> order, CancellationToken ct) =>
        WriteAndCommitAsync(transaction, [db.PlanWrites(rows, order)], ct);

    /// <summary>
    /// The statements that write <paramref name="rows"/> as <see cref="WriteAndCommitAsync(DbContext, IDbContextTransaction, RowWrites, IReadOnlyList{Type}, CancellationToken)"/>
    /// does, for a transaction shared with other units (<see cref="SharedTransactions"/>).
    /// </summary>
    public static Planned PlanWrites(this DbContext db, RowWrites rows, IReadOnlyList<Type> order)
    {
        // The batch commits the transaction: a change the tracker holds would be committed unwritten.
        if (db.ChangeTracker.HasChanges())
            throw new InvalidOperationException("The context tracks changes of its own: save them with SaveAndCommitAsync.");
        var writes = new List<(int Rank, Write Write)>();
        foreach (var entity in rows.Added)
            writes.Add(Untracked(db, order, entity, EntityState.Added, null)
                ?? throw new InvalidOperationException($"A {entity.GetType().Name} row has no column to insert."));
        foreach (var (entity, original) in rows.Changed)
            if (Untracked(db, order, entity, EntityState.Modified, original) is { } changed) writes.Add(changed);
        return new Planned(db, [.. writes.OrderBy(w => w.Rank).Select(w => w.Write)]);
    }

    /// <summary>A row's write, or null when nothing in a changed row differs from what was read.</summary>
    private static (int Rank, Write Write)? Untracked(DbContext db, IReadOnlyList<Type> order, object entity,
        EntityState state, object?[]? original)
    {
        var (type, _) = UntrackedType(db, entity);
        var rank = IndexOf(order, type.ClrType);
        if (rank < 0) throw new InvalidOperationException($"{type.ClrType.Name} is not one of the rows this unit writes.");
        object? Value(IProperty p) => p.GetGetter().GetClrValue(entity);
        return ShapeOf(db, type, state, Value, _ => false, (i, p) => !p.GetValueComparer().Equals(original![i], Value(p)))
            is { } shape
            ? (rank, new Write(entity, state == EntityState.Added, shape, Value, (p, value) => BatchRows.SetterOf(p)(entity, value)))
            : null;
    }

    /// <summary>The values of a row's properties, in the order <see cref="ShapeOf"/> numbers them.</summary>
    internal static object?[] ValuesOf(DbContext db, object entity) =>
        [.. UntrackedType(db, entity).Properties.Select(p => p.GetGetter().GetClrValue(entity))];

    private static (IEntityType Type, IProperty[] Properties) UntrackedType(DbContext db, object entity)
    {
        var type = db.Model.FindEntityType(entity.GetType())
            ?? throw new InvalidOperationException($"{entity.GetType().Name} is not an entity of this model.");
        return (type, Writable.GetOrAdd(type, PropertiesOf)
            ?? throw new InvalidOperationException($"{type.ClrType.Name} rows are not written outside the change tracker."));
    }

    private static int IndexOf(IReadOnlyList<Type> order, Type type)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == type) return i;
        return -1;
    }

    private static Task WriteAndCommitAsync(IDbContextTransaction transaction, IReadOnlyList<Planned> units,
        CancellationToken ct)
    {
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        return WriteAndCommitAsync(npgsqlTransaction.Connection!, npgsqlTransaction, units, ct);
    }

    /// <summary>
    /// Writes the units' statements in their order and the COMMIT as one batch, then reads back what they return.
    /// </summary>
    internal static async Task WriteAndCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<Planned> units, CancellationToken ct = default)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var unit in units)
            foreach (var statement in unit.Statements) batch.BatchCommands.Add(statement);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // The reader steps over statements without a result: the result sets are those of the RETURNING ones.
            var first = true;
            foreach (var write in units.SelectMany(u => u.Writes).Where(w => w.Shape.Returned.Length > 0))
            {
                if (!first) await reader.NextResultAsync(ct);
                first = false;
                await reader.ReadAsync(ct);
                var shape = write.Shape;
                for (var i = 0; i < shape.Returned.Length; i++)
                    write.SetReturned(shape.Returned[i], reader.IsDBNull(i) ? null : shape.Readers[i](reader, i));
            }
        }

        // Unreachable under the callers' row locks; said loudly rather than accepted as saved if it ever happens.
        if (units.SelectMany(u => u.Statements).Any(s => s.RecordsAffected != 1))
            throw new DbUpdateConcurrencyException("A row to update was not found; the rest of the batch was committed.");
    }

    /// <summary>
    /// A unit's rows as the statements that write them (audit rows stamped with the request's address), each with its
    /// parameters, ready to go into a batch once.
    /// </summary>
    public sealed class Planned
    {
        internal Planned(DbContext db, List<Write> writes)
        {
            AuditAddress.StampFor(db, writes.Where(w => w.Added).Select(w => w.Entity));
            Writes = writes;
            // Only a factory for parameters of EF's type mappings, which create them from a command.
            using var factory = new NpgsqlCommand();
            Statements = [.. writes.Select(write =>
            {
                var statement = new NpgsqlBatchCommand(write.Shape.Sql);
                foreach (var property in write.Shape.Sent)
                    statement.Parameters.Add(((RelationalTypeMapping)property.GetTypeMapping())
                        .CreateParameter(factory, "", write.Value(property), property.IsNullable));
                return statement;
            })];
        }

        internal IReadOnlyList<Write> Writes { get; }
        internal IReadOnlyList<NpgsqlBatchCommand> Statements { get; }
    }

    private readonly record struct ShapeKey(IEntityType Type, EntityState State, ulong Sent, ulong Returned);

    /// <param name="Sent">The properties whose values are the statement's parameters $1, $2, … in that order.</param>
    /// <param name="Returned">The properties the statement returns, read back into the entity.</param>
    internal sealed record Shape(string Sql, IProperty[] Sent, IProperty[] Returned,
        Func<DbDataReader, int, object?>[] Readers);

    /// <summary>
    /// What SaveChanges would send and read back for a row of <paramref name="type"/> in <paramref name="state"/>,
    /// or null when this writer cannot say (or, for a changed row, nothing changed).
    /// </summary>
    private static Shape? ShapeOf(DbContext db, IEntityType type, EntityState state, Func<IProperty, object?> value,
        Func<IProperty, bool> isTemporary, Func<int, IProperty, bool> isModified)
    {
        if (Writable.GetOrAdd(type, PropertiesOf) is not { } properties) return null;
        ulong sent = 0, returned = 0;
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            var bit = 1UL << i;
            if (state == EntityState.Added)
            {
                // Only keys, foreign keys and generated columns can hold a temporary value.
                var temporary = (property.ValueGenerated != ValueGenerated.Never || property.IsKey() || property.IsForeignKey())
                    && isTemporary(property);
                var storeGenerated = property.GetBeforeSaveBehavior() != PropertySaveBehavior.Save
                    || ((property.ValueGenerated & ValueGenerated.OnAdd) != 0
                        && (temporary || Equals(value(property), property.Sentinel)));
                if (storeGenerated) returned |= bit;
                // A key the database has yet to give a principal (SaveChanges would fill it in between statements).
                else if (temporary) return null;
                else sent |= bit;
            }
            else if (isModified(i, property)) sent |= bit;
            else if ((property.ValueGenerated & ValueGenerated.OnUpdate) != 0 && !property.IsPrimaryKey()) returned |= bit;
        }
        if (sent == 0) return null;
        return Shapes.GetOrAdd(new ShapeKey(type, state, sent, returned),
            static (key, built) => Build(built.db, key, built.properties), (db, properties));
    }

    /// <summary>The entity type's properties, or null for a type this writer does not write.</summary>
    private static IProperty[]? PropertiesOf(IEntityType type)
    {
        var properties = type.GetProperties().ToArray();
        return type.GetTableName() is null || type.BaseType is not null || properties.Length > 64
            || properties.Any(p => p.IsConcurrencyToken) ? null : properties;
    }

    private static Shape Build(DbContext db, ShapeKey key, IProperty[] properties)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(key.Type.GetTableName()!, key.Type.GetSchema());
        var id = StoreObjectIdentifier.Table(key.Type.GetTableName()!, key.Type.GetSchema());
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(id)!);
        var sent = properties.Where((_, i) => (key.Sent & (1UL << i)) != 0).ToList();
        var returned = properties.Where((_, i) => (key.Returned & (1UL << i)) != 0).ToArray();
        string text;
        if (key.State == EntityState.Added)
        {
            text = $"INSERT INTO {table} ({string.Join(", ", sent.Select(Column))}) VALUES ({
                string.Join(", ", sent.Select((_, i) => $"${i + 1}"))})";
        }
        else
        {
            var keys = key.Type.FindPrimaryKey()!.Properties;
            text = $"UPDATE {table} SET {string.Join(", ", sent.Select((p, i) => $"{Column(p)} = ${i + 1}"))} WHERE {
                string.Join(" AND ", keys.Select((p, i) => $"{Column(p)} = ${sent.Count + i + 1}"))}";
            sent.AddRange(keys);
        }
        if (returned.Length > 0) text += $" RETURNING {string.Join(", ", returned.Select(Column))}";
        return new Shape(text, [.. sent], returned, [.. returned.Select(BatchRows.ValueReader)]);
    }
}
