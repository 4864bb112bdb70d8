using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Common;

/// <summary>
/// What an endpoint says about its answers in the OpenAPI document (docs/api.md, "Documenting an endpoint").
/// Implied without being said: 401 when it needs a token, 403 when it needs a role, 404 when its route has an
/// {id}, 400/413/415 when it takes a JSON body, 400 when it takes query parameters, and a problem-details body
/// for every error. Everything else is said in Configure(), next to the code that answers it:
/// <code>Description(b => b.Created&lt;Envelope&lt;ClientView&gt;&gt;().Problems(409, 422));</code>
/// A test fails when the integration tests see a status code the document does not list.
/// </summary>
public static class ApiDocs
{
    /// <summary>The success answer is 201 with this body, instead of 200.</summary>
    public static RouteHandlerBuilder Created<TResponse>(this RouteHandlerBuilder builder) =>
        builder.ClearDefaultProduces(StatusCodes.Status200OK)
            .Produces<TResponse>(StatusCodes.Status201Created, "application/json");

    /// <summary>Error answers (problem details) beyond the implied ones, e.g. 409 for a conflict, 422 for a reference
    /// to something that does not exist.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes) builder.ProducesProblemDetails(statusCode);
        return builder;
    }
}

/// <summary>
/// A text property with a fixed set of values, listed in the OpenAPI document: an enum's members in snake_case
/// (how they are stored and answered), <c>[property: EnumValues(typeof(PaymentMethod))]</c>, or the values themselves,
/// <c>[property: EnumValues("active", "disabled", "isolated")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute : Attribute
{
    public EnumValuesAttribute(Type enumType) =>
        Values = Enum.GetNames(enumType).Select(SnakeCaseEnums.ToSnakeCase).ToArray();

    public EnumValuesAttribute(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }
}
