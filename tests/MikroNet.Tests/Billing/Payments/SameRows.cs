using System.Text.Json.Nodes;
using MikroNet.Infrastructure.Persistence;
using Shouldly;

namespace MikroNet.Tests.Billing.Payments;

/// <summary>Two rows written two ways, compared column by column.</summary>
internal static class SameRows
{
    /// <summary>Every mapped column, as EF's model lists them (a column added later is compared too), but those named.</summary>
    public static void Same<T>(MikroNetDb db, T mine, T theirs, params string[] differing) where T : class
    {
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !differing.Contains(p.Name)))
            property.PropertyInfo!.GetValue(mine).ShouldBe(property.PropertyInfo.GetValue(theirs), $"{typeof(T).Name}.{property.Name}");
    }

    public static string WithoutPaymentId(string? data, int paymentId)
    {
        var json = JsonNode.Parse(data!)!.AsObject();
        json["payment_id"]!.GetValue<int>().ShouldBe(paymentId);
        json.Remove("payment_id");
        return json.ToJsonString();
    }
}
