namespace MikroNet.RouterOs;

/// <summary>The router rejected the credentials; retrying with the same ones will not help.</summary>
public sealed class RouterOsLoginException(string message) : RouterOsException(message);
