namespace MikroNet.Tests.Driver;

/// <summary>A problem-details body (RFC 9457) with FastEndpoints' list of field errors.</summary>
public sealed record Problem(int Status, string? Title, string? Detail, List<FieldError>? Errors)
{
    /// <summary>The names of the fields the refusal blames, in the order given.</summary>
    public string[] ErrorNames => Errors?.Select(e => e.Name).ToArray() ?? [];
}

public sealed record FieldError(string Name, string Reason);
