using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MikroNet.Infrastructure.Security;

/// <summary>
/// The Data Protection keys that encrypt router and PPP passwords. On Linux there is no machine key store to wrap
/// them with, and a certificate kept beside them would protect nothing, so they stay files readable only by this
/// user (folder mode 700). Data Protection's "No XML encryptor configured" warning is replaced by one line at start
/// that says where the keys are and why they matter.
/// </summary>
public static class KeyFolder
{
    public static void AddKeyFolder(this IServiceCollection services, ILoggingBuilder logging, string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection()
            .SetApplicationName("MikroNet")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
        logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        services.AddHostedService(sp => new Notice(folder, sp.GetRequiredService<ILogger<Notice>>()));
    }

    private sealed class Notice(string folder, ILogger<Notice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Data Protection keys are in {Folder}, readable by this user only and not encrypted " +
                "at rest (no key store on this system); router and PPP passwords are encrypted with them: back the " +
                "folder up with the database", folder);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
