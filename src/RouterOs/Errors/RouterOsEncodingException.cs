namespace MikroNet.RouterOs;

/// <summary>
/// A word holds a character the router's encoding cannot represent, so nothing was sent: writing '?' instead would
/// store a different name than asked (and make two names collide). The connection stays usable.
/// </summary>
/// <param name="Attribute">The attribute (<c>name</c>, <c>password</c>, …) or the command word; never its value, which may be a password.</param>
public sealed class RouterOsEncodingException(string attribute, string encodingName, Exception? innerException = null)
    : RouterOsException($"The value of '{attribute}' cannot be represented in the router's encoding {encodingName}.", innerException)
{
    public string Attribute { get; } = attribute;

    public string EncodingName { get; } = encodingName;
}
