using GraphQL.Types;
using MikroNet.Features.Graph.Loading;

using MikroNet.Features.Graph.Nodes;

namespace MikroNet.Features.Graph.Types;

public sealed class PlanType : ObjectGraphType<PlanRow>
{
    public PlanType()
    {
        Name = "Plan";
        Interface<NodeInterface>();
        IsTypeOf = o => o is PlanRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Plan", c.Source.PlanId));
        Field<NonNullGraphType<IntGraphType>>("planId").Resolve(c => c.Source.PlanId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<DecimalGraphType>>("price").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<IntGraphType>>("periodMonths").Resolve(c => c.Source.PeriodMonths);
        Field<NonNullGraphType<StringGraphType>>("pppProfile").Resolve(c => c.Source.PppProfile);
        Field<StringGraphType>("rateLimit").Resolve(c => c.Source.RateLimit);
    }
}

/// <summary>A MikroTik router; its API login and password are not part of the read side.</summary>
public sealed class RouterType : ObjectGraphType<RouterRow>
{
    public RouterType()
    {
        Name = "Router";
        Interface<NodeInterface>();
        IsTypeOf = o => o is RouterRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Router", c.Source.RouterId));
        Field<NonNullGraphType<IntGraphType>>("routerId").Resolve(c => c.Source.RouterId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("host").Resolve(c => c.Source.Host);
        Field<NonNullGraphType<IntGraphType>>("port").Resolve(c => c.Source.Port);
        Field<NonNullGraphType<BooleanGraphType>>("useTls").Resolve(c => c.Source.UseTls);
    }
}

public sealed class UserType : ObjectGraphType<UserRow>
{
    public UserType()
    {
        Name = "User";
        Interface<NodeInterface>();
        IsTypeOf = o => o is UserRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("User", c.Source.UserId));
        Field<NonNullGraphType<IntGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field<NonNullGraphType<StringGraphType>>("username").Resolve(c => c.Source.Username);
        Field<NonNullGraphType<UserRoleType>>("role").Resolve(c => c.Source.Role);
    }
}
