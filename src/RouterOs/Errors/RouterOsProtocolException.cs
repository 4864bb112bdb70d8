namespace MikroNet.RouterOs;

/// <summary>The byte stream broke the wire format; the connection cannot be trusted afterwards.</summary>
public sealed class RouterOsProtocolException(string message) : RouterOsException(message);
