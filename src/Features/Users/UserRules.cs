using FluentValidation;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Users;

public static class UserRules
{
    public const int MinPassword = 8;
    public const int MaxPassword = 128;

    /// <summary>admin, operator, cashier.</summary>
    public static readonly Dictionary<string, UserRole> RoleNames =
        Enum.GetValues<UserRole>().ToDictionary(r => SnakeCaseEnums.ToSnakeCase(r), r => r);

    public static IRuleBuilderOptions<T, string> Password<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Length(MinPassword, MaxPassword);

    public static IRuleBuilderOptions<T, string?> Role<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(r => r is null || RoleNames.ContainsKey(r))
            .WithMessage($"Role must be one of: {string.Join(", ", RoleNames.Keys)}.");
}
