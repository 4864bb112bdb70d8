using GraphQL.Types;
using MikroNet.Features.Graph.Scalars;
using MikroNet.Features.Graph.Types;

namespace MikroNet.Features.Audit.Graph;

/// <summary>One row of the audit trail; <c>data</c> is the JSON text of the values that matter (often before/after).</summary>
public sealed class AuditEntryType : ObjectGraphType<AuditView>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Field<NonNullGraphType<LongGraphType>>("auditId").Resolve(c => c.Source.AuditId);
        Field<NonNullGraphType<InstantGraphType>>("at").Resolve(c => c.Source.At);
        Field<IntGraphType>("actorId").Description("The user who acted; null for the system (billing run, webhook, CLI).")
            .Resolve(c => c.Source.ActorId);
        Field<StringGraphType>("actor").Description("That user's username.").Resolve(c => c.Source.Actor);
        Field<StringGraphType>("address").Description("The client address the request came from.").Resolve(c => c.Source.Address);
        Field<NonNullGraphType<StringGraphType>>("action").Resolve(c => c.Source.Action);
        Field<NonNullGraphType<StringGraphType>>("entity").Resolve(c => c.Source.Entity);
        Field<NonNullGraphType<StringGraphType>>("entityId").Resolve(c => c.Source.EntityId);
        Field<StringGraphType>("data").Description("JSON text.").Resolve(c => c.Source.Data?.GetRawText());
    }
}

public sealed class AuditLogConnectionType() : ConnectionType<AuditEntryType, AuditView, AuditLogEdgeType>("AuditLogConnection");

public sealed class AuditLogEdgeType() : EdgeType<AuditEntryType, AuditView>("AuditLogEdge");
