using GraphQL.Types;
using MikroNet.Features.Graph.Loading;

namespace MikroNet.Features.Graph.Types;

public sealed class PlanType : ObjectGraphType<PlanRow>
{
    public PlanType()
    {
        Name = "Plan";
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
        Field<NonNullGraphType<IntGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field<NonNullGraphType<StringGraphType>>("username").Resolve(c => c.Source.Username);
        Field<NonNullGraphType<UserRoleType>>("role").Resolve(c => c.Source.Role);
    }
}
