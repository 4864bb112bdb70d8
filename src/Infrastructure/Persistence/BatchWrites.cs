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
            await WriteAndCommitAsync(db, transaction, writes, ct);
            return;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private sealed record Write(EntityEntry Entry, PropertyValues Values, Shape Shape);

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
            if (ShapeOf(db, entry, values) is not { } shape) return null;
            writes.Add((rank, new Write(entry, values, shape)));
        }
        return writes.OrderBy(w => w.Rank).Select(w => w.Write).ToList();
    }

    private static int IndexOf(IReadOnlyList<Type> order, Type type)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == type) return i;
        return -1;
    }

    private static async Task WriteAndCommitAsync(DbContext db, IDbContextTransaction transaction, List<Write> writes,
        CancellationToken ct)
    {
        AuditAddress.StampFor(db, writes.Where(w => w.Entry.State == EntityState.Added).Select(w => w.Entry.Entity));
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        await using var batch = new NpgsqlBatch(npgsqlTransaction.Connection, npgsqlTransaction);
        // Only a factory for parameters of EF's type mappings, which create them from a command.
        await using var factory = new NpgsqlCommand();
        foreach (var (_, values, shape) in writes)
        {
            var statement = new NpgsqlBatchCommand(shape.Sql);
            foreach (var property in shape.Sent)
                statement.Parameters.Add(((RelationalTypeMapping)property.GetTypeMapping())
                    .CreateParameter(factory, "", values[property], property.IsNullable));
            batch.BatchCommands.Add(statement);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // The reader steps over statements without a result: the result sets are those of the RETURNING ones.
            var first = true;
            foreach (var (entry, _, shape) in writes.Where(w => w.Shape.Returned.Length > 0))
            {
                if (!first) await reader.NextResultAsync(ct);
                first = false;
                await reader.ReadAsync(ct);
                for (var i = 0; i < shape.Returned.Length; i++)
                {
                    var property = entry.Property(shape.Returned[i]);
                    property.CurrentValue = reader.IsDBNull(i) ? null : shape.Readers[i](reader, i);
                    property.IsTemporary = false;
                }
            }
        }

        // Unreachable under the callers' row locks; said loudly rather than accepted as saved if it ever happens.
        if (writes.Where((_, i) => batch.BatchCommands[i].RecordsAffected != 1).Any())
            throw new DbUpdateConcurrencyException("A row to update was not found; the rest of the batch was committed.");
        db.ChangeTracker.AcceptAllChanges();
    }

    private readonly record struct ShapeKey(IEntityType Type, EntityState State, ulong Sent, ulong Returned);

    /// <param name="Sent">The properties whose values are the statement's parameters $1, $2, … in that order.</param>
    /// <param name="Returned">The properties the statement returns, read back into the entity.</param>
    private sealed record Shape(string Sql, IProperty[] Sent, IProperty[] Returned,
        Func<DbDataReader, int, object?>[] Readers);

    /// <summary>What SaveChanges would send and read back for this entry, or null when this writer cannot say.</summary>
    private static Shape? ShapeOf(DbContext db, EntityEntry entry, PropertyValues values)
    {
        if (Writable.GetOrAdd(entry.Metadata, PropertiesOf) is not { } properties) return null;
        ulong sent = 0, returned = 0;
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            var bit = 1UL << i;
            if (entry.State == EntityState.Added)
            {
                // Only keys, foreign keys and generated columns can hold a temporary value.
                var temporary = (property.ValueGenerated != ValueGenerated.Never || property.IsKey() || property.IsForeignKey())
                    && entry.Property(property).IsTemporary;
                var storeGenerated = property.GetBeforeSaveBehavior() != PropertySaveBehavior.Save
                    || ((property.ValueGenerated & ValueGenerated.OnAdd) != 0
                        && (temporary || Equals(values[property], property.Sentinel)));
                if (storeGenerated) returned |= bit;
                // A key the database has yet to give a principal (SaveChanges would fill it in between statements).
                else if (temporary) return null;
                else sent |= bit;
            }
            else if (entry.Property(property).IsModified) sent |= bit;
            else if ((property.ValueGenerated & ValueGenerated.OnUpdate) != 0 && !property.IsPrimaryKey()) returned |= bit;
        }
        if (sent == 0) return null;
        return Shapes.GetOrAdd(new ShapeKey(entry.Metadata, entry.State, sent, returned),
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
