using System.Text.Json.Serialization;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MikroNet.Features.Common;

/// <summary>
/// The one error body of every REST answer that is not 2xx (RFC 9457, `application/problem+json`): the status's
/// RFC link and phrase, what happened in words, the path, the trace id that the logs carry, and the fields at fault.
/// </summary>
public sealed class Problem
{
    public const string MediaType = "application/problem+json";

    /// <summary>FastEndpoints' name for failures that are not a field's (ThrowError without a property).</summary>
    public const string GeneralErrors = "$general";

    public required string Type { get; init; }
    public required string Title { get; init; }
    public required int Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    public required string Instance { get; init; }
    public required string TraceId { get; init; }

    /// <summary>The fields at fault (snake_case names, as in the request); empty when the problem is not a field's.</summary>
    public required IReadOnlyList<FieldError> Errors { get; init; }

    public static Problem Create(HttpContext http, int status, string? detail, IReadOnlyList<FieldError>? errors = null) => new()
    {
        Type = TypeOf(status),
        Title = ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
        Status = status,
        Detail = detail,
        Instance = http.Request.PathBase + http.Request.Path,
        TraceId = http.TraceIdentifier,
        Errors = errors ?? [],
    };

    /// <summary>
    /// FastEndpoints' failures (validation, ThrowError): a field's first failure goes to `errors`; the detail is the
    /// general failure, the one field failure, or the list of fields at fault.
    /// </summary>
    public static Problem FromFailures(IReadOnlyList<ValidationFailure> failures, HttpContext http, int status)
    {
        var fields = failures.Where(f => f.PropertyName != GeneralErrors)
            .Select(f => new FieldError(Json.Options.PropertyNamingPolicy!.ConvertName(f.PropertyName), f.ErrorMessage))
            .DistinctBy(e => e.Name).ToList();
        var general = failures.Where(f => f.PropertyName == GeneralErrors).Select(f => f.ErrorMessage).Distinct().ToList();
        var detail = general.Count > 0 ? string.Join(" ", general)
            : fields.Count == 1 ? fields[0].Reason
            : $"These fields are invalid: {string.Join(", ", fields.Select(f => f.Name))}.";
        return Create(http, status, detail, fields);
    }

    private static string TypeOf(int status) => status switch
    {
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        >= 400 and <= 417 => $"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.{status - 399}",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        >= 500 and <= 505 => $"https://www.rfc-editor.org/rfc/rfc9110#section-15.6.{status - 499}",
        _ => "about:blank",
    };
}

/// <summary>One field at fault: its name as the caller wrote it and why it was refused.</summary>
public sealed record FieldError(string Name, string Reason);
