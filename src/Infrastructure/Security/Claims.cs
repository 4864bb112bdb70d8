using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MikroNet.Infrastructure.Security;

public static class Claims
{
    public const string Role = "role";
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Cashier = "cashier";

    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id) ? id : null;

    public static Guid? TokenId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Jti), out var id) ? id : null;
}
