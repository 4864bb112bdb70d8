using FastEndpoints;
using MikroNet.Infrastructure.Security;

namespace MikroNet.Features.Common;

/// <summary>
/// Who may call what (docs/roles.md). An endpoint names its roles in Configure() with <c>Roles(...)</c>; one that
/// names none gets <see cref="ApplyDefault"/>: every role for a GET (reading is open to all staff) and admin and
/// operator for anything else, so a new write route is never open to a cashier by accident.
/// </summary>
public static class Roles
{
    public const string Admin = Claims.Admin;
    public const string Operator = Claims.Operator;
    public const string Cashier = Claims.Cashier;

    /// <summary>Changes clients, subscriptions and routers' secrets: the back office.</summary>
    public static readonly string[] Staff = [Admin, Operator];

    /// <summary>Every signed-in user: reads, and what a cashier does (recording and collecting payments).</summary>
    public static readonly string[] Everyone = [Admin, Operator, Cashier];

    public static void ApplyDefault(EndpointDefinition endpoint)
    {
        if (endpoint.AllowedRoles is { Count: > 0 } || endpoint.AnonymousVerbs is { Length: > 0 }) return;
        endpoint.Roles(endpoint.Verbs.All(v => v == Http.GET.ToString()) ? Everyone : Staff);
    }
}
