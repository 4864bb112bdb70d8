using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Users;

public sealed record UserView(int UserId, string Username, [property: EnumValues(typeof(UserRole))] string Role,
    bool Disabled, Instant? DisabledAt, Instant CreatedAt)
{
    public static UserView From(User u) =>
        new(u.Id, u.Username, SnakeCaseEnums.ToSnakeCase(u.Role), u.DisabledAt is not null, u.DisabledAt, u.CreatedAt);
}
