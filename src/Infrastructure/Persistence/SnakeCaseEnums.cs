using System.Text;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>Stores enums as readable snake_case text (partially_paid, bank_transfer) checked by constraints.</summary>
public static class SnakeCaseEnums
{
    public static void Register(ModelConfigurationBuilder builder)
    {
        Add<UserRole>(builder);
        Add<ClientStatus>(builder);
        Add<ProvisioningState>(builder);
        Add<SubscriptionStatus>(builder);
        Add<InvoiceKind>(builder);
        Add<InvoiceStatus>(builder);
        Add<InvoiceLineKind>(builder);
        Add<ClientCreditKind>(builder);
        Add<ChargeKind>(builder);
        Add<PaymentMethod>(builder);
        Add<PaymentStatus>(builder);
        Add<PaymentLinkStatus>(builder);
        Add<GatewayEventSource>(builder);
        Add<GatewayEventVerdict>(builder);
        Add<RouterCommandKind>(builder);
        Add<OutboxStatus>(builder);
        Add<NotificationEvent>(builder);
        Add<NotificationChannel>(builder);
    }

    public static string ToSnakeCase<T>(T value) where T : struct, Enum => ToSnakeCase(value.ToString());

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>SQL list for a CHECK constraint: 'a', 'b', 'c'.</summary>
    public static string SqlList<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => $"'{ToSnakeCase(v)}'"));

    private static void Add<T>(ModelConfigurationBuilder builder) where T : struct, Enum =>
        builder.Properties<T>().HaveConversion<Converter<T>>().HaveMaxLength(32);

    private sealed class Converter<T>() : ValueConverter<T, string>(
        v => ToSnakeCase(v),
        v => Names<T>.Parse[v])
        where T : struct, Enum;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> Parse =
            Enum.GetValues<T>().ToDictionary(v => ToSnakeCase(v), v => v);
    }
}
