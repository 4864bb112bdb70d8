using System.Globalization;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;

namespace MikroNet.Features.Provisioning;

/// <summary>What a client's PPP secret must look like on its router; the comment ties the secret to the client.</summary>
public sealed record DesiredSecret(string Name, string Password, string Profile, bool Disabled, string Comment)
{
    public const string SecretMenu = "/ppp/secret";
    public const string ActiveMenu = "/ppp/active";
    public const string ProfileMenu = "/ppp/profile";
    public const string DefaultProfile = "default";

    /// <summary>The fields MikroNet owns; asking for them alone keeps a 10,000-secret print small.</summary>
    public const string Proplist = "=.proplist=.id,name,password,profile,disabled,comment";

    public static DesiredSecret For(Client client, SecretProtector secrets) => new(
        client.PppSecretName,
        secrets.Unprotect(client.PppPasswordProtected),
        client.Plan?.PppProfile ?? DefaultProfile,
        client.SecretDisabled,
        CommentFor(client.Id));

    public static string CommentFor(int clientId) => clientId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The client id a secret's comment names, when it is one.</summary>
    public static int? ClientIdIn(IReadOnlyDictionary<string, string> secret) =>
        secret.TryGetValue("comment", out var comment)
        && int.TryParse(comment, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public IEnumerable<KeyValuePair<string, string>> AddProperties() =>
    [
        new("name", Name), new("password", Password), new("service", "pppoe"), new("profile", Profile),
        new("comment", Comment), new("disabled", Disabled ? "yes" : "no"),
    ];

    /// <summary>The properties to set on an existing secret; empty when it already matches.</summary>
    public List<KeyValuePair<string, string>> Differences(IReadOnlyDictionary<string, string> secret)
    {
        var changes = new List<KeyValuePair<string, string>>();
        if (secret.GetValueOrDefault("password") != Password) changes.Add(new("password", Password));
        if (secret.GetValueOrDefault("profile", DefaultProfile) != Profile) changes.Add(new("profile", Profile));
        if (IsTrue(secret.GetValueOrDefault("disabled")) != Disabled) changes.Add(new("disabled", Disabled ? "yes" : "no"));
        if (secret.GetValueOrDefault("comment") != Comment) changes.Add(new("comment", Comment));
        return changes;
    }

    /// <summary>Routers print true/false; very old ones printed yes/no.</summary>
    public static bool IsTrue(string? value) => value is "true" or "yes";
}
