namespace MikroNet.RouterOs;

/// <summary>The router's TLS certificate was not trusted and did not match the pinned fingerprint.</summary>
public sealed class RouterOsCertificateException(string message, Exception? innerException = null)
    : RouterOsException(message, innerException);
