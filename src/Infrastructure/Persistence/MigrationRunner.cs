using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MikroNet.Infrastructure.Persistence;

public static class MigrationRunner
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MikroNetDb>().Database.MigrateAsync(ct);
    }
}
