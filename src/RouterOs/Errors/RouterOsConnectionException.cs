namespace MikroNet.RouterOs;

/// <summary>The router could not be reached or the connection broke; retrying later may succeed.</summary>
public class RouterOsConnectionException(string message, Exception? innerException = null)
    : RouterOsException(message, innerException);
