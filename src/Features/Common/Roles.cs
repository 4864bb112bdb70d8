using MikroNet.Infrastructure.Security;

namespace MikroNet.Features.Common;

public static class Roles
{
    public const string Admin = Claims.Admin;
    public const string Operator = Claims.Operator;
}
