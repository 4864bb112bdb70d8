using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host or a database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MikroNetDb>
{
    public MikroNetDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<MikroNetDb>()
        .UseNpgsql("Host=localhost;Database=mikronet_design", o => o.UseNodaTime())
        .UseSnakeCaseNamingConvention()
        .Options);
}
