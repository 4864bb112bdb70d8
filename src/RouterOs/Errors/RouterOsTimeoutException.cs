namespace MikroNet.RouterOs;

/// <summary>
/// No answer in time. A command timeout leaves the connection usable (the client sends <c>/cancel</c> for it),
/// but whether the router applied the command is unknown.
/// </summary>
public sealed class RouterOsTimeoutException(string message) : RouterOsConnectionException(message);
