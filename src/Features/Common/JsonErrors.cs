using System.Text.Json;
using FluentValidation.Results;

namespace MikroNet.Features.Common;

/// <summary>
/// A body that cannot be read becomes a 400 naming the field (from the JSON path) in words of our own: the
/// serializer's messages name CLR types (`MikroNet.Features.Auth.Register.Request`, `Int32`) and are not for callers.
/// </summary>
public static class JsonErrors
{
    public const string Body = "body";

    /// <summary>Deepest JSON accepted in a request body; real bodies are two or three levels deep.</summary>
    public const int MaxDepth = 32;

    // System.Text.Json's (internal) exception for text that is not JSON at all.
    private const string ReaderError = "JsonReaderException";

    public static ValidationFailure ToFailure(JsonException e)
    {
        var field = FieldOf(e.Path);
        var syntax = e.GetType().Name == ReaderError || e.InnerException?.GetType().Name == ReaderError;
        var reason = e switch
        {
            UnsafeTextException => $"'{field}' {e.Message}",
            _ when e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) => $"The body is nested more than {MaxDepth} levels deep.",
            _ when syntax => $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).",
            _ when field == Body => "The body must be a JSON object.",
            // NodaTime's parse errors say what is wrong with a date ("The month 13 is out of range …").
            _ when e.InnerException is NodaTime.Text.UnparsableValueException nodaTime => $"'{field}': {nodaTime.Message}",
            _ => $"'{field}' has the wrong type or format.",
        };
        return new ValidationFailure(field, reason);
    }

    /// <summary>`$.router_id` → `router_id`; the root (or no path) is the body itself.</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? Body : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
