using Microsoft.EntityFrameworkCore;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// A unit of work kept outside EF Core's change tracker: the rows to insert and the rows read and changed since,
/// written by <see cref="BatchWrites.WriteAndCommitAsync"/> with the statements it builds from EF Core's model, as
/// SaveChanges would write them. For the common payment (one that restores no one), where tracking its rows
/// (attaching them, walking their graphs, detecting changes, accepting them) was ~0.15 ms of a payment's host CPU
/// (docs/performance.md).
/// </summary>
public sealed class RowWrites
{
    private readonly List<object> _added = [];
    private readonly List<(object Entity, object?[] Original)> _changed = [];

    internal IReadOnlyList<object> Added => _added;
    internal IReadOnlyList<(object Entity, object?[] Original)> Changed => _changed;

    /// <summary>A row to insert (an identity column left at its default is given by the database and read back).</summary>
    public void Add(object entity) => _added.Add(entity);

    /// <summary>Remembers a row's values as read: the columns that differ when it is written are updated.</summary>
    public void Watch(DbContext db, object entity) => _changed.Add((entity, BatchWrites.ValuesOf(db, entity)));
}
