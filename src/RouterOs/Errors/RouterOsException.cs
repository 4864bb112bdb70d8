namespace MikroNet.RouterOs;

/// <summary>Base of every failure this client reports, so callers can catch the family in one place.</summary>
public abstract class RouterOsException : Exception
{
    protected RouterOsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
