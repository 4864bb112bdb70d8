using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Keys taken from the identity column's own sequence when an entity is added, before it is inserted: an audit
/// row (or a response) can carry the new id in the same SaveChanges, so one save commits the change and its
/// audit together, with no transaction opened for it. SQL that inserts without an id keeps drawing from the same
/// sequence, so the two never collide. Used for the entities whose creation is audited.
/// </summary>
public static class KeysBeforeInsert
{
    public static PropertyBuilder<int> GeneratedBeforeInsert(this PropertyBuilder<int> id) =>
        id.HasValueGenerator<IdentitySequenceValueGenerator>();

    /// <summary>Use <c>AddAsync</c> for these entities: <c>Add</c> draws the key with a blocking query.</summary>
    private sealed class IdentitySequenceValueGenerator : ValueGenerator<int>
    {
        public override bool GeneratesTemporaryValues => false;

        public override int Next(EntityEntry entry) => Query(entry).Single();

        public override ValueTask<int> NextAsync(EntityEntry entry, CancellationToken cancellationToken = default) =>
            new(Query(entry).SingleAsync(cancellationToken));

        private static IQueryable<int> Query(EntityEntry entry)
        {
            var table = entry.Metadata.GetTableName()
                ?? throw new InvalidOperationException($"{entry.Metadata.DisplayName()} is not mapped to a table.");
            return entry.Context.Database.SqlQuery<int>(
                $"""SELECT nextval(pg_get_serial_sequence({table}, 'id'))::int AS "Value" """);
        }
    }
}
